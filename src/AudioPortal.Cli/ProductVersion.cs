using System.Reflection;

namespace AudioPortal.Cli;

/// <summary>AudioPortal's version (every project of the repository builds with the same one), without the commit suffix.</summary>
public static class ProductVersion
{
    public static string Current { get; } =
        typeof(ProductVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}

using Microsoft.Extensions.Configuration;

namespace AudioPortal.Cli;

/// <summary>
/// Where AudioPortal's configuration comes from — the top-level <c>appsettings.json</c>, then environment variables
/// (plain and <c>AUDIOPORTAL_</c>-prefixed) — for the web host and for the command line alike.
/// </summary>
public static class AppConfiguration
{
    public const string EnvironmentPrefix = "AUDIOPORTAL_";

    /// <summary>
    /// The configuration without a host (for the verbs that need no more): <c>appsettings.json</c> and
    /// <c>appsettings.{environment}.json</c> from <see cref="FindRoot"/>, environment variables, then
    /// <paramref name="settings"/> — the sources and order the web project's <c>AudioPortalHost.CreateBuilder</c>
    /// gives the app (the web builder adds its sources itself, so the two cannot share one list).
    /// </summary>
    public static IConfigurationRoot Create(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var environment = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
            ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? "Production";
        return new ConfigurationBuilder()
            .SetBasePath(FindRoot())
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables()
            .AddEnvironmentVariables(EnvironmentPrefix)
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
    }

    /// <summary>
    /// The published folder when a <c>wwwroot/</c> sits beside the binaries; otherwise the source tree's top
    /// folder (the one holding AudioPortal.sln), found by walking up from the binaries or the working directory;
    /// otherwise the binaries' folder (a native <c>audioportal</c> reads an <c>appsettings.json</c> put beside it).
    /// </summary>
    public static string FindRoot()
    {
        var baseDirectory = AppContext.BaseDirectory;
        if (Directory.Exists(Path.Combine(baseDirectory, "wwwroot")))
        {
            return baseDirectory;
        }

        foreach (var start in new[] { baseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "AudioPortal.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return baseDirectory;
    }
}

using System.Reflection;
using NetArchTest.Rules;

namespace AudioPortal.Architecture.Tests;

/// <summary>
/// Which project may use which: the audio engine stands alone, the domain knows nothing of HTTP or Razor, pages talk
/// to Core services (not to controllers or the API's contracts), and the command line does not need the web host.
/// </summary>
public sealed class ProjectRulesTests
{
    private static readonly Assembly Audio = typeof(AudioPortal.Audio.AudioEngine).Assembly;
    private static readonly Assembly Core = typeof(AudioPortal.Core.Ids).Assembly;
    private static readonly Assembly Cli = typeof(AudioPortal.Cli.AppConfiguration).Assembly;
    private static readonly Assembly Web = typeof(AudioPortal.Web.Hosting.PublicBaseUrl).Assembly;

    [Fact]
    public void The_audio_engine_references_none_of_our_other_projects()
    {
        Assert.Empty(OurReferences(Audio));
    }

    [Fact]
    public void Core_uses_no_mvc_http_or_razor_components()
    {
        var result = Types.InAssembly(Core).ShouldNot()
            .HaveDependencyOnAny("Microsoft.AspNetCore.Mvc", "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Components")
            .GetResult();

        Assert.True(result.IsSuccessful, "Core types using ASP.NET MVC, HTTP or components: " + string.Join(", ", result.FailingTypeNames ?? []));
        Assert.Equal(["AudioPortal.Audio"], OurReferences(Core));
    }

    [Fact]
    public void The_command_line_references_no_web_host_and_no_core()
    {
        Assert.Equal(["AudioPortal.Audio"], OurReferences(Cli));
    }

    [Fact]
    public void Pages_and_components_use_no_controllers_and_no_api_contracts()
    {
        var components = Web.GetTypes().Where(t => !t.IsNested && DerivesFrom(t, "Microsoft.AspNetCore.Components.ComponentBase"))
            .Select(t => t.FullName!).ToHashSet(StringComparer.Ordinal);
        var apiTypes = Web.GetTypes().Where(t => !t.IsNested
                && (DerivesFrom(t, "Microsoft.AspNetCore.Mvc.ControllerBase") || t.Name.EndsWith("Contracts", StringComparison.Ordinal)))
            .Select(t => t.FullName!).ToHashSet(StringComparer.Ordinal);

        var uses = TypeDependencies.Within(Web).Where(e => components.Contains(e.User) && apiTypes.Contains(e.Used))
            .Select(e => $"{e.User} -> {e.Used}").ToList();

        Assert.NotEmpty(components);
        Assert.NotEmpty(apiTypes);
        Assert.True(uses.Count == 0, "Components using controllers or API contracts:\n" + string.Join("\n", uses));
    }

    /// <summary>Our assemblies among those <paramref name="assembly"/> references (the command line's is <c>audioportal</c>).</summary>
    private static List<string> OurReferences(Assembly assembly) =>
        assembly.GetReferencedAssemblies().Select(a => a.Name!)
            .Where(n => n.StartsWith("AudioPortal", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal).ToList();

    private static bool DerivesFrom(Type type, string baseName)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (t.FullName == baseName)
            {
                return true;
            }
        }

        return false;
    }
}

namespace AudioPortal.Web.Hosting;

/// <summary>
/// Creates the host builder with the repository's top-level <c>appsettings.json</c> and <c>wwwroot/</c>,
/// wherever the process was started from, plus <c>AUDIOPORTAL_</c>-prefixed environment variables.
/// </summary>
public static class AudioPortalHost
{
    public const string EnvironmentPrefix = "AUDIOPORTAL_";

    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var root = FindRoot();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = root,
            WebRootPath = Path.Combine(root, "wwwroot"),
        });

        // Serves _framework/blazor.web.js and MudBlazor's assets from packages in every environment
        // when running unpublished (tests, `dotnet run`); harmless once published.
        builder.WebHost.UseStaticWebAssets();
        builder.Configuration.AddEnvironmentVariables(EnvironmentPrefix);
        builder.Configuration.AddCommandLine(args);
        return builder;
    }

    /// <summary>
    /// The web app's configuration without a host (for the CLI verbs that need no more): <c>appsettings.json</c> and
    /// <c>appsettings.{environment}.json</c> from the root, environment variables (plain and <c>AUDIOPORTAL_</c>-prefixed),
    /// then <paramref name="settings"/> — the sources and order <see cref="CreateBuilder"/> gives the app.
    /// </summary>
    public static IConfigurationRoot CreateConfiguration(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var environment = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
            ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environments.Production;
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
    /// folder (the one holding AudioPortal.sln), found by walking up from the binaries or the working directory.
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

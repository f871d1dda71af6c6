using AudioPortal.Cli;
using AudioPortal.Web.Hosting.Roles;

namespace AudioPortal.Web.Hosting;

/// <summary>
/// Creates the host builder with the repository's top-level <c>appsettings.json</c> and <c>wwwroot/</c>,
/// wherever the process was started from, plus <c>AUDIOPORTAL_</c>-prefixed environment variables
/// (<see cref="AppConfiguration.Create"/> lists the same sources for the verbs that run without a host).
/// </summary>
public static class AudioPortalHost
{
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var root = AppConfiguration.FindRoot();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = root,
            WebRootPath = Path.Combine(root, "wwwroot"),
        });

        // Serves _framework/blazor.web.js and MudBlazor's assets from packages in every environment
        // when running unpublished (tests, `dotnet run`); harmless once published.
        builder.WebHost.UseStaticWebAssets();
        builder.Configuration.AddEnvironmentVariables(AppConfiguration.EnvironmentPrefix);
        builder.Configuration.AddCommandLine(args, RolesWiring.SwitchMappings.ToDictionary());
        return builder;
    }
}

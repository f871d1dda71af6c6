using AudioPortal.Web.Accounts;
using AudioPortal.Web.Admin;
using AudioPortal.Web.Auth;
using AudioPortal.Web.ApiKeys;
using AudioPortal.Web.Billing;
using AudioPortal.Web.Components;
using AudioPortal.Web.Data;
using AudioPortal.Web.Hosting.Proxy;
using AudioPortal.Web.Hosting.Roles;
using AudioPortal.Web.Errors;
using AudioPortal.Web.Limits;
using AudioPortal.Web.Mail;
using AudioPortal.Web.Operations;
using AudioPortal.Web.Operations.Telemetry;
using AudioPortal.Web.Portal;
using AudioPortal.Web.Splits;
using AudioPortal.Web.Webhooks;
using MudBlazor.Services;

namespace AudioPortal.Web.Hosting;

/// <summary>
/// The whole application in two calls. Each feature wires itself in its own folder
/// (<c>AddX</c>/<c>MapX</c>), so adding a feature touches its folder and one line here.
/// </summary>
public static class AudioPortalWiring
{
    public static WebApplicationBuilder AddAudioPortal(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddRoles();
        builder.AddReverseProxy();
        builder.AddOperations();
        builder.AddTelemetry();
        builder.AddApiErrors();
        builder.AddRequestLimits();
        builder.AddData();
        builder.AddMail();
        builder.AddAccounts();
        builder.AddApiKeys();
        builder.AddBilling();
        builder.AddSplits();
        builder.AddWebhooks();
        builder.AddPortal();
        builder.AddAdmin();

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddScoped<ErrorToaster>();
        return builder;
    }

    public static WebApplication MapAudioPortal(this WebApplication app)
    {
        app.UseReverseProxy();
        app.UseRequestIds();
        if (!app.Roles().ServesPortalAndApi)
        {
            // A worker answers its health checks and metrics; anything else is a bare 404 (no portal, API or downloads).
            app.UseRouting();
            app.MapHealth();
            app.MapTelemetry();
            return app;
        }

        app.UseRateLimitHeaders();
        app.UseMiddleware<PublicAddressObserver>();
        app.UseApiErrors();
        app.UseRequestLimits();
        // Routing after the error pages, so a re-executed status page (404 → /not-found) is routed afresh.
        app.UseRouting();
        app.UseAccounts();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapOperations();
        app.MapTelemetry();
        app.MapControllers();
        app.MapAccounts();
        app.MapPortal();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}

namespace AudioPortal.Web.Portal;

/// <summary>Services of the portal's pages: per-call service scopes and staged uploads.</summary>
public static class PortalWiring
{
    public static WebApplicationBuilder AddPortal(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<PortalSession>();
        builder.Services.AddSingleton<PortalUploads>();
        builder.Services.AddScoped<AudioPortal.Core.Webhooks.WebhookSecretReveal>();
        builder.Services.AddScoped<AudioPortal.Core.Billing.UsageHistory>();
        return builder;
    }
}

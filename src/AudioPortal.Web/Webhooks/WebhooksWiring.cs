namespace AudioPortal.Web.Webhooks;

/// <summary>Service registration and endpoints of the Webhooks feature.</summary>
public static class WebhooksWiring
{
    public static WebApplicationBuilder AddWebhooks(this WebApplicationBuilder builder)
    {
        return builder;
    }
}

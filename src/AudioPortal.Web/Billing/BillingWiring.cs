using AudioPortal.Core.Billing;
using AudioPortal.Web.Hosting;

namespace AudioPortal.Web.Billing;

/// <summary>
/// Service registration of the Billing feature. The payment provider is chosen by configuration: Stripe when
/// <c>Stripe:SecretKey</c> is set, otherwise the built-in offline provider.
/// </summary>
public static class BillingWiring
{
    public static WebApplicationBuilder AddBilling(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSectionOptions<BillingOptions>("Billing")
            .PostConfigure(o => o.PublicBaseUrl = PublicBaseUrl.Read(builder.Configuration, "Billing"));
        services.AddSectionOptions<StripeOptions>("Stripe");
        services.AddBillingServices(useStripe: builder.Configuration.ReadSection<StripeOptions>("Stripe").IsConfigured);
        services.AddHostedService<BillingTimer>();
        return builder;
    }
}

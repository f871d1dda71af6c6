using AudioPortal.Core.Billing.Offline;
using AudioPortal.Core.Billing.Stripe;
using AudioPortal.Core.Mail;
using AudioPortal.Core.Storage;
using AudioPortal.Core.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AudioPortal.Core.Billing;

/// <summary>
/// The billing feature's services — usage metering, invoices, the billing service and the payment provider —
/// registered in one place for the web host and the Core tests alike. The host provides what differs: the
/// <see cref="BillingOptions"/>, <see cref="StripeOptions"/> and plans, blob storage, the database and the clock.
/// </summary>
public static class BillingServices
{
    /// <param name="useStripe">Stripe as the payment provider (<see cref="StripeOptions.IsConfigured"/>); the offline provider otherwise.</param>
    public static IServiceCollection AddBillingServices(this IServiceCollection services, bool useStripe)
    {
        services.AddMetrics();
        services.TryAddSingleton<AudioPortalMetrics>();
        services.AddCustomerMail();
        services.AddSingleton<UsageLedger>();
        services.AddSingleton<InvoiceIssuer>();
        services.AddSingleton<InvoiceDocument>();
        services.AddSingleton<InvoicePdf>();
        services.TryAddSingleton<IStorageUsage, BlobStorageUsage>();
        // Scoped like the DbContext factory they use.
        services.AddScoped<IUsageMeter, UsageMeter>();
        services.AddScoped<BillingService>();
        services.AddScoped<InvoiceAdmin>();
        services.AddScoped<OfflineBillingCycle>();
        if (useStripe)
        {
            services.AddSingleton<global::Stripe.IStripeClient>(sp => CreateStripeClient(sp.GetRequiredService<IOptions<StripeOptions>>().Value));
            services.AddSingleton<StripeSync>();
            services.AddScoped<IPaymentProvider, StripePaymentProvider>();
            services.AddScoped<StripeWebhookHandler>();
            services.AddScoped<StripeUsageReporter>();
        }
        else
        {
            services.AddScoped<IPaymentProvider, OfflinePaymentProvider>();
        }

        return services;
    }

    private static global::Stripe.StripeClient CreateStripeClient(StripeOptions stripe)
    {
        var options = new global::Stripe.StripeClientOptions { ApiKey = stripe.SecretKey };
        if (!string.IsNullOrWhiteSpace(stripe.ApiBase))
        {
            options.ApiBase = stripe.ApiBase;
            options.MeterEventsBase = stripe.ApiBase;
            options.ConnectBase = stripe.ApiBase;
            options.FilesBase = stripe.ApiBase;
        }

        return new global::Stripe.StripeClient(options);
    }
}

using AudioPortal.Core.Billing;
using AudioPortal.Core.Storage;
using AudioPortal.Core.Billing.Offline;
using AudioPortal.Core.Billing.Stripe;
using AudioPortal.Web.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

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
        services.Configure<BillingOptions>(builder.Configuration.GetSection("Billing"));
        services.PostConfigure<BillingOptions>(o => o.PublicBaseUrl = PublicBaseUrl.Read(builder.Configuration, "Billing"));
        services.Configure<StripeOptions>(builder.Configuration.GetSection("Stripe"));

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

        var stripe = builder.Configuration.GetSection("Stripe").Get<StripeOptions>() ?? new StripeOptions();
        if (stripe.IsConfigured)
        {
            services.AddSingleton<Stripe.IStripeClient>(sp =>
            {
                var o = sp.GetRequiredService<IOptions<StripeOptions>>().Value;
                var options = new Stripe.StripeClientOptions { ApiKey = o.SecretKey };
                if (!string.IsNullOrWhiteSpace(o.ApiBase))
                {
                    options.ApiBase = o.ApiBase;
                    options.MeterEventsBase = o.ApiBase;
                    options.ConnectBase = o.ApiBase;
                    options.FilesBase = o.ApiBase;
                }

                return new Stripe.StripeClient(options);
            });
            services.AddSingleton<StripeSync>();
            services.AddScoped<IPaymentProvider, StripePaymentProvider>();
            services.AddScoped<StripeWebhookHandler>();
            services.AddScoped<StripeUsageReporter>();
        }
        else
        {
            services.AddScoped<IPaymentProvider, OfflinePaymentProvider>();
        }

        services.AddHostedService<BillingTimer>();
        return builder;
    }
}

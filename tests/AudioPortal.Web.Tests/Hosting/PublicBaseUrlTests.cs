using AudioPortal.Core.Billing;
using AudioPortal.Core.Splits;
using AudioPortal.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AudioPortal.Web.Tests.Hosting;

/// <summary>One setting for the installation's public address reaches every feature that writes absolute links.</summary>
public sealed class PublicBaseUrlTests
{
    private static (string? Splits, string? Billing) Resolved(Dictionary<string, string?> settings)
    {
        using var factory = new AppFactory();
        foreach (var (key, value) in settings)
        {
            factory.Settings[key] = value;
        }

        var services = factory.Services;
        return (services.GetRequiredService<SplitsOptions>().PublicBaseUrl, services.GetRequiredService<IOptions<BillingOptions>>().Value.PublicBaseUrl);
    }

    [Fact]
    public void The_top_level_setting_reaches_webhook_links_and_checkout_return_links()
    {
        Assert.Equal(("https://audio.example.com", "https://audio.example.com"),
            Resolved(new() { ["PublicBaseUrl"] = "https://audio.example.com" }));
    }

    [Fact]
    public void The_former_per_feature_keys_still_work_when_it_is_empty()
    {
        Assert.Equal(("https://splits.example.com", "https://billing.example.com"),
            Resolved(new() { ["Splits:PublicBaseUrl"] = "https://splits.example.com", ["Billing:PublicBaseUrl"] = "https://billing.example.com" }));
    }

    [Fact]
    public void Unset_means_relative_links()
    {
        Assert.Equal((null, null), Resolved(new()));
    }
}

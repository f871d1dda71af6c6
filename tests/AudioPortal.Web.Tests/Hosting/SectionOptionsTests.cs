using AudioPortal.Web.Tests.Infrastructure;

namespace AudioPortal.Web.Tests.Hosting;

/// <summary>Every configuration section is checked as the host starts, and a bad value is reported by its key.</summary>
public sealed class SectionOptionsTests
{
    [Theory]
    [InlineData("Splits:Workers", "0")]
    [InlineData("Sources:IdleTimeout", "00:00:00")]
    [InlineData("Webhooks:MaxConcurrentPerAccount", "0")]
    [InlineData("Accounts:ExportPollInterval", "00:00:00")]
    [InlineData("Data:Path", "")]
    [InlineData("Ffmpeg:ProbeTimeout", "00:00:00")]
    [InlineData("Billing:InvoiceDueDays", "-1")]
    [InlineData("Stripe:MeterEventName", "")]
    [InlineData("Storage:SweepInterval", "00:00:00")]
    [InlineData("RateLimiting:WindowSeconds", "0")]
    [InlineData("Auth:Jwt:LifetimeSeconds", "0")]
    [InlineData("ApiKeys:CacheSeconds", "-1")]
    [InlineData("RequestLimits:MaxFormFields", "0")]
    [InlineData("Plans:0:MaxFileSize", "0")]
    public void A_bad_value_stops_the_start_with_a_message_naming_its_key(string key, string value)
    {
        using var app = new AppFactory();
        app.Settings[key] = value;

        var failure = Record.Exception(() => app.Server);

        Assert.NotNull(failure);
        Assert.Contains(key, Messages(failure), StringComparison.Ordinal);
    }

    /// <summary>The start may fail with several sections at once (an aggregate): all their messages.</summary>
    private static string Messages(Exception e) => e switch
    {
        AggregateException all => string.Join(" | ", all.InnerExceptions.Select(Messages)),
        { InnerException: { } inner } => e.Message + " | " + Messages(inner),
        _ => e.Message,
    };
}

using AudioPortal.Core.Data;
using AudioPortal.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AudioPortal.Web.Tests.Data;

/// <summary>The <c>Retention</c> section as the host binds it: each window from configuration, the former keys, and refusal of nonsense at start.</summary>
public sealed class RetentionOptionsTests
{
    [Fact]
    public void Every_window_is_read_from_the_Retention_section()
    {
        using var app = new AppFactory();
        app.Settings["Retention:JobRecords"] = "10.00:00:00";
        app.Settings["Retention:WebhookDeliveries"] = "11.00:00:00";
        app.Settings["Retention:RefreshTokens"] = "12.00:00:00";
        app.Settings["Retention:RequestLogs"] = "60.00:00:00";
        app.Settings["Retention:ClientAddresses"] = "14.00:00:00";
        app.Settings["Retention:BillingRecordYears"] = "10";
        app.Settings["Retention:SweepInterval"] = "00:01:00";

        var retention = app.Services.GetRequiredService<RetentionOptions>();

        Assert.Equal(
            (TimeSpan.FromDays(10), TimeSpan.FromDays(11), TimeSpan.FromDays(12), TimeSpan.FromDays(60), TimeSpan.FromDays(14), 10, TimeSpan.FromMinutes(1)),
            (retention.JobRecords, retention.WebhookDeliveries, retention.RefreshTokens, retention.RequestLogs, retention.ClientAddresses, retention.BillingRecordYears,
                retention.SweepInterval));
    }

    [Theory]
    [InlineData(null, null, 90)]
    [InlineData(null, "30.00:00:00", 30)]
    [InlineData("45.00:00:00", "30.00:00:00", 45)]
    public void Job_records_are_kept_for_Retention_JobRecords_then_the_former_Splits_RecordRetention_then_90_days(string? current, string? former, int days)
    {
        using var app = new AppFactory();
        foreach (var (key, value) in new[] { ("Retention:JobRecords", current), ("Splits:RecordRetention", former) }.Where(s => s.Item2 is not null))
        {
            app.Settings[key] = value;
        }

        Assert.Equal(TimeSpan.FromDays(days), app.Services.GetRequiredService<RetentionOptions>().JobRecords);
    }

    [Theory]
    [InlineData("Retention:JobRecords", "00:00:00", "Retention:JobRecords")]
    [InlineData("Retention:BillingRecordYears", "0", "Retention:BillingRecordYears")]
    [InlineData("Retention:ClientAddresses", "120.00:00:00", "Retention:ClientAddresses")]
    public void A_host_with_an_unusable_retention_window_refuses_to_start_naming_the_key(string key, string value, string named)
    {
        using var app = new AppFactory();
        app.Settings[key] = value;

        var error = Assert.ThrowsAny<OptionsValidationException>(() => app.Services);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}

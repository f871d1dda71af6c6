using AudioPortal.Core.Webhooks;
using AudioPortal.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AudioPortal.Web.Tests.Webhooks;

/// <summary>The <c>Webhooks</c> section as the host binds it: the attempt deadline, its former name, and refusal of nonsense at start.</summary>
public sealed class WebhooksOptionsTests
{
    [Theory]
    [InlineData(null, null, 10)]
    [InlineData(null, "00:00:05", 5)]
    [InlineData("00:00:03", "00:00:30", 3)]
    public void The_host_takes_the_attempt_deadline_from_AttemptTimeout_then_the_former_Timeout_then_10_s(string? attemptTimeout, string? timeout, int expected)
    {
        using var app = new AppFactory();
        app.Settings["Webhooks:AttemptTimeout"] = attemptTimeout;
        app.Settings["Webhooks:Timeout"] = timeout;

        Assert.Equal(TimeSpan.FromSeconds(expected), app.Services.GetRequiredService<WebhooksOptions>().EffectiveAttemptTimeout);
    }

    [Theory]
    [InlineData("Webhooks:AttemptTimeout", "00:00:00")]
    [InlineData("Webhooks:MaxConcurrentPerAccount", "0")]
    [InlineData("Webhooks:MaxConcurrentAttempts", "1")]
    public void A_host_with_an_unusable_webhooks_setting_refuses_to_start(string key, string value)
    {
        using var app = new AppFactory();
        app.Settings[key] = value;

        Assert.ThrowsAny<OptionsValidationException>(() => app.Services);
    }
}

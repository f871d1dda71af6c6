using AudioPortal.Core.Data;
using AudioPortal.Core.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AudioPortal.Core.Tests.Webhooks;

/// <summary>The automatic disable after consecutive failed events, and what a re-enable resets.</summary>
public sealed class WebhookAttemptRecorderTests
{
    [Fact]
    public async Task After_a_re_enable_it_takes_a_fresh_streak_of_failed_events_to_disable_webhooks_again()
    {
        await using var receiver = new RawReceiver(RawReceiver.Answer(500, "down"));
        await using var bench = new WebhookTestBench(new WebhooksOptions
        {
            AllowPrivateNetworks = true, AttemptTimeout = TimeSpan.FromSeconds(5), RetrySchedule = [TimeSpan.FromMinutes(1)], DisableAfterFailedEvents = 3,
        });
        var account = await bench.NewAccountAsync();

        async Task FailEventAsync()
        {
            var id = await bench.AddDeliveryAsync(account, receiver.Url);
            await bench.Dispatcher.SendDueAsync(CancellationToken.None);
            bench.Services.Clock.Advance(TimeSpan.FromMinutes(1));
            await bench.Dispatcher.SendDueAsync(CancellationToken.None);
            Assert.Equal(DeliveryStatus.Failed, (await bench.LoadAsync(id)).Status);
        }

        async Task<bool> EnabledAsync()
        {
            await using var scope = bench.Services.Provider.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.Where(a => a.Id == account).Select(a => a.WebhooksEnabled).SingleAsync();
        }

        for (var i = 0; i < 3; i++)
        {
            Assert.True(await EnabledAsync());
            await FailEventAsync();
        }

        Assert.False(await EnabledAsync());
        await using (var scope = bench.Services.ScopeFor(account))
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<WebhookSettingsService>().EnableAsync(CancellationToken.None)).IsSuccess);
        }

        await FailEventAsync();
        Assert.True(await EnabledAsync());
        await FailEventAsync();
        await FailEventAsync();
        Assert.False(await EnabledAsync());
    }
}

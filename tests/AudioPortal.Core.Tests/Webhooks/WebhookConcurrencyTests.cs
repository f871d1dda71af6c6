using System.Diagnostics;
using AudioPortal.Core.Webhooks;

namespace AudioPortal.Core.Tests.Webhooks;

/// <summary>Attempts run side by side with per-account and global caps, each delivery claimed once.</summary>
public sealed class WebhookConcurrencyTests
{
    private static WebhooksOptions Options(TimeSpan deadline, int perAccount = 2, int global = 16) => new()
    {
        AllowPrivateNetworks = true, AttemptTimeout = deadline, RetrySchedule = [TimeSpan.FromMinutes(1)],
        PollInterval = TimeSpan.FromMilliseconds(50), MaxConcurrentPerAccount = perAccount, MaxConcurrentAttempts = global,
    };

    [Fact]
    public async Task While_one_accounts_receiver_stalls_another_accounts_delivery_arrives_at_once()
    {
        var deadline = TimeSpan.FromSeconds(8);
        await using var stalling = new RawReceiver(RawReceiver.HeadersThenStall);
        await using var healthy = new RawReceiver(RawReceiver.Answer(200));
        await using var bench = new WebhookTestBench(Options(deadline));
        bench.StartLoop();

        var a = await bench.AddDeliveryAsync(await bench.NewAccountAsync(), stalling.Url);
        bench.Dispatcher.Wake();
        await WebhookTestBench.WaitUntilAsync(() => stalling.Accepted == 1, TimeSpan.FromSeconds(15), "account A's receiver is stalling");
        var since = Stopwatch.StartNew();
        var b = await bench.AddDeliveryAsync(await bench.NewAccountAsync(), healthy.Url);
        bench.Dispatcher.Wake();

        await WebhookTestBench.WaitUntilAsync(() => healthy.Deliveries.Contains(b), deadline, "account B's delivery arrives");
        Assert.True(since.Elapsed < deadline / 2, $"B waited {since.Elapsed} behind A's stall");
        var stalled = await bench.LoadAsync(a);
        Assert.Equal((0, true), (stalled.Attempts, stalled.LeaseToken is not null)); // A's attempt is still held by its receiver
        await bench.StopLoopAsync();
    }

    [Fact]
    public async Task One_account_holds_at_most_its_cap_of_attempts_and_the_rest_wait_for_a_free_slot()
    {
        var deadline = TimeSpan.FromSeconds(4);
        await using var stalling = new RawReceiver(RawReceiver.HeadersThenStall);
        await using var healthy = new RawReceiver(RawReceiver.Answer(200));
        await using var bench = new WebhookTestBench(Options(deadline, perAccount: 2, global: 3));
        var a = await bench.NewAccountAsync();
        for (var i = 0; i < 5; i++)
        {
            await bench.AddDeliveryAsync(a, stalling.Url);
        }

        bench.StartLoop();
        await WebhookTestBench.WaitUntilAsync(() => stalling.Accepted >= 2, TimeSpan.FromSeconds(15), "A's first attempts start");
        await Task.Delay(deadline / 4);
        Assert.Equal(2, stalling.Accepted);

        // A third account's delivery still finds the global slot A cannot take.
        var b = await bench.AddDeliveryAsync(await bench.NewAccountAsync(), healthy.Url);
        bench.Dispatcher.Wake();
        await WebhookTestBench.WaitUntilAsync(() => healthy.Deliveries.Contains(b), deadline / 2, "account B's delivery arrives");

        // When A's first attempts hit the deadline, its next ones go.
        await WebhookTestBench.WaitUntilAsync(() => stalling.Accepted == 4, deadline * 2, "A's next two attempts start");
        Assert.Equal(4, stalling.Accepted);
        await bench.StopLoopAsync();
    }

    [Fact]
    public async Task Two_dispatchers_sharing_the_database_send_each_delivery_once()
    {
        await using var receiver = new RawReceiver(RawReceiver.Answer(200));
        await using var bench = new WebhookTestBench(Options(TimeSpan.FromSeconds(5), perAccount: 4));
        var ids = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            ids.Add(await bench.AddDeliveryAsync(await bench.NewAccountAsync(), receiver.Url));
        }

        using var other = bench.NewDispatcher();
        var sent = await Task.WhenAll(Enumerable.Range(0, 3).SelectMany(_ => new[] { bench.Dispatcher, other })
            .Select(d => Task.Run(() => d.SendDueAsync(CancellationToken.None)))).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(12, sent.Sum());
        Assert.Equal(ids.Order(), receiver.Deliveries.Order());
        foreach (var id in ids)
        {
            var delivery = await bench.LoadAsync(id);
            Assert.Equal((DeliveryStatus.Succeeded, 1), (delivery.Status, delivery.Attempts));
        }
    }

    [Fact]
    public async Task An_attempt_that_lost_its_lease_does_not_overwrite_the_delivery()
    {
        var answer = new TaskCompletionSource();
        await using var receiver = new RawReceiver(async (stream, ct) =>
        {
            await answer.Task.WaitAsync(ct);
            await RawReceiver.Answer(200)(stream, ct);
        });
        await using var bench = new WebhookTestBench(Options(TimeSpan.FromSeconds(5)));
        var id = await bench.AddDeliveryAsync(await bench.NewAccountAsync(), receiver.Url);

        var sending = bench.Dispatcher.SendDueAsync(CancellationToken.None);
        await WebhookTestBench.WaitUntilAsync(() => receiver.Accepted == 1, TimeSpan.FromSeconds(5), "the attempt is in flight");
        await bench.UpdateAsync(id, d => d.LeaseToken = "taken-over");
        answer.SetResult();
        await sending.WaitAsync(TimeSpan.FromSeconds(10));

        var delivery = await bench.LoadAsync(id);
        Assert.Equal((DeliveryStatus.Pending, 0, "taken-over"), (delivery.Status, delivery.Attempts, delivery.LeaseToken));
    }
}

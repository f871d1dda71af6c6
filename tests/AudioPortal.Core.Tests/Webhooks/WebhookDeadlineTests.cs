using System.Diagnostics;
using AudioPortal.Core.Webhooks;

namespace AudioPortal.Core.Tests.Webhooks;

/// <summary>One deadline per attempt, covering connect, headers and body, against receivers that misbehave on 127.0.0.1.</summary>
public sealed class WebhookDeadlineTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(1);

    private static WebhooksOptions Options() => new()
    {
        AllowPrivateNetworks = true, AttemptTimeout = Deadline, RetrySchedule = [TimeSpan.FromMinutes(1)], PollInterval = TimeSpan.FromMilliseconds(50),
    };

    public static TheoryData<string> Misbehaviours => ["headers then stall", "trickle the body", "trickle the headers", "never answer"];

    private static RawReceiver.Behaviour Behaviour(string name) => name switch
    {
        "headers then stall" => RawReceiver.HeadersThenStall,
        "trickle the body" => RawReceiver.TrickleBody,
        "trickle the headers" => RawReceiver.TrickleHeaders,
        _ => RawReceiver.NeverAnswer,
    };

    [Theory]
    [MemberData(nameof(Misbehaviours))]
    public async Task An_attempt_whose_answer_does_not_finish_within_the_deadline_fails_then_and_is_scheduled_for_retry(string misbehaviour)
    {
        await using var receiver = new RawReceiver(Behaviour(misbehaviour));
        await using var bench = new WebhookTestBench(Options());
        var id = await bench.AddDeliveryAsync(await bench.NewAccountAsync(), receiver.Url);

        var clock = Stopwatch.StartNew();
        var sent = await bench.Dispatcher.SendDueAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(15));
        clock.Stop();

        Assert.Equal(1, sent);
        Assert.InRange(clock.Elapsed, Deadline * 0.9, Deadline + TimeSpan.FromSeconds(2));
        var delivery = await bench.LoadAsync(id);
        Assert.Equal(DeliveryStatus.Pending, delivery.Status);
        Assert.Equal(1, delivery.Attempts);
        Assert.Contains("within 1 s", delivery.LastError);
        Assert.Null(delivery.LeaseToken);
        Assert.Equal(bench.Services.Clock.GetUtcNow() + TimeSpan.FromMinutes(1), delivery.NextAttemptAt);
    }

    [Fact]
    public async Task A_200_with_an_endless_body_succeeds_with_the_first_kilobyte_kept_and_the_rest_unread()
    {
        await using var receiver = new RawReceiver(RawReceiver.EndlessBody);
        await using var bench = new WebhookTestBench(Options());
        var id = await bench.AddDeliveryAsync(await bench.NewAccountAsync(), receiver.Url);

        await bench.Dispatcher.SendDueAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(15));

        var delivery = await bench.LoadAsync(id);
        Assert.Equal(DeliveryStatus.Succeeded, delivery.Status);
        Assert.Equal(200, delivery.ResponseStatus);
        Assert.Equal(WebhookSender.MaxStoredBody, delivery.ResponseBody?.Length);
    }

    [Fact]
    public async Task A_redirect_is_not_followed_and_counts_as_a_failed_attempt()
    {
        await using var target = new RawReceiver(RawReceiver.Answer(200));
        await using var receiver = new RawReceiver((stream, ct) => stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(
            $"HTTP/1.1 307 Temporary Redirect\r\nLocation: {target.Url}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"), ct).AsTask());
        await using var bench = new WebhookTestBench(Options());
        var id = await bench.AddDeliveryAsync(await bench.NewAccountAsync(), receiver.Url);

        await bench.Dispatcher.SendDueAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(15));

        var delivery = await bench.LoadAsync(id);
        Assert.Equal(DeliveryStatus.Pending, delivery.Status);
        Assert.Equal(307, delivery.ResponseStatus);
        Assert.Equal(0, target.Accepted);
    }

    [Theory]
    [InlineData(null, null, 10)]
    [InlineData(null, 5, 5)]
    [InlineData(3, 30, 3)]
    [InlineData(3, null, 3)]
    public void The_attempt_timeout_defaults_to_10_s_and_the_former_timeout_setting_still_applies_when_it_is_not_set(int? attemptTimeout, int? timeout, int expected)
    {
        var options = new WebhooksOptions
        {
            AttemptTimeout = attemptTimeout is null ? null : TimeSpan.FromSeconds(attemptTimeout.Value),
            Timeout = timeout is null ? null : TimeSpan.FromSeconds(timeout.Value),
        };
        Assert.Equal(TimeSpan.FromSeconds(expected), options.EffectiveAttemptTimeout);
    }
}

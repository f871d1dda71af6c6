using AudioPortal.Core.Data;
using AudioPortal.Core.Mail;
using AudioPortal.Core.Sources;
using AudioPortal.Core.Splits;
using AudioPortal.Core.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AudioPortal.Core.Webhooks;

/// <summary>
/// Sends due deliveries: each attempt is claimed once (a lease in the row), runs on its own under one deadline
/// (<see cref="WebhookSender"/>), and is recorded by <see cref="WebhookAttemptRecorder"/>. Attempts run concurrently,
/// at most <see cref="WebhooksOptions.MaxConcurrentPerAccount"/> per account and
/// <see cref="WebhooksOptions.MaxConcurrentAttempts"/> in all, so a slow receiver delays only its own account's
/// events, and another account's by at most one deadline when every slot is busy.
/// </summary>
public sealed class WebhookDispatcher : IDisposable
{
    private readonly IServiceScopeFactory _scopes;
    private readonly WebhooksOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<WebhookDispatcher> _logger;
    private readonly CustomerMail _mail;
    private readonly WebhookSender _sender;
    private readonly WakeSignal _wake = new();
    private readonly WebhookAttemptSlots _slots;
    private readonly AudioPortalMetrics _metrics;
    private readonly HashSet<Task> _running = []; // attempts started by the loop, awaited at shutdown

    public WebhookDispatcher(
        IServiceScopeFactory scopes, AddressGuard guard, WebhooksOptions options, CustomerMail mail, TimeProvider clock, AudioPortalMetrics metrics,
        ILogger<WebhookDispatcher> logger)
    {
        (_scopes, _options, _mail, _clock, _metrics, _logger) = (scopes, options, mail, clock, metrics, logger);
        _sender = new WebhookSender(guard, options);
        _slots = new WebhookAttemptSlots(options);
    }

    /// <summary>Tells the dispatcher new deliveries are due (after a job's commit).</summary>
    public void Wake() => _wake.Notify();

    public async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            await _wake.RunRoundsAsync(async ct => (await StartDueAsync(ct)).Count, _options.PollInterval, _logger, "Webhook dispatch", stopping);
        }
        finally
        {
            Task[] running;
            lock (_running)
            {
                running = [.. _running];
            }

            await Task.WhenAll(running); // each ends promptly once stopping is cancelled, and never throws
        }
    }

    /// <summary>Claims the deliveries that are due now (within the caps), sends them and waits for those attempts; returns how many.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var started = await StartDueAsync(cancellationToken);
        await Task.WhenAll(started);
        return started.Count;
    }

    /// <summary>Claims due deliveries while slots are free and starts their attempts without waiting for them.</summary>
    private async Task<IReadOnlyList<Task>> StartDueAsync(CancellationToken cancellationToken)
    {
        var (free, busy) = _slots.Snapshot();
        if (free <= 0)
        {
            return [];
        }

        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = _clock.GetUtcNow();
        var due = await db.Set<WebhookDelivery>().IgnoreQueryFilters().AsNoTracking()
            .Where(d => d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now && !busy.Contains(d.AccountId)
                        && db.Users.Any(a => a.Id == d.AccountId && a.WebhooksEnabled))
            .OrderBy(d => d.NextAttemptAt).Select(d => new { d.Id, d.AccountId }).Take(free * 4).ToListAsync(cancellationToken);

        var started = new List<Task>();
        foreach (var candidate in due)
        {
            if (!_slots.TryTake(candidate.AccountId))
            {
                continue;
            }

            // The claim pushes the next attempt past the deadline, so a crashed dispatcher's attempt is retried later,
            // and only the dispatcher whose update matched holds the lease: a delivery is claimed once.
            var token = Guid.NewGuid().ToString("N");
            var hold = now + _options.EffectiveAttemptTimeout + TimeSpan.FromSeconds(30);
            int claimed;
            try
            {
                claimed = await db.Set<WebhookDelivery>().IgnoreQueryFilters()
                    .Where(d => d.Id == candidate.Id && d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now)
                    .ExecuteUpdateAsync(set => set.SetProperty(d => d.NextAttemptAt, hold).SetProperty(d => d.LeaseToken, token), cancellationToken);
            }
            catch
            {
                Release(candidate.AccountId, null);
                throw;
            }

            if (claimed != 1)
            {
                Release(candidate.AccountId, null);
                continue;
            }

            started.Add(Start(candidate.Id, candidate.AccountId, token, cancellationToken));
        }

        return started;
    }

    private Task Start(string id, string accountId, string token, CancellationToken stopping)
    {
        var attempt = Task.Run(async () =>
        {
            try
            {
                await AttemptAsync(id, token, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                await ReleaseLeaseAsync(id, token);
            }
            catch (Exception e)
            {
                _logger.LogError(e, "Webhook {DeliveryId} attempt failed unexpectedly; it is retried when its lease expires", id);
            }
        }, CancellationToken.None);
        lock (_running)
        {
            _running.Add(attempt);
        }

        return attempt.ContinueWith(done => Release(accountId, done), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task ReleaseLeaseAsync(string id, string token)
    {
        try
        {
            await WebhookAttemptRecorder.ReleaseLeaseAsync(_scopes, id, token, _clock.GetUtcNow());
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Webhook {DeliveryId}: could not give up its lease at shutdown; it is retried when the lease expires", id);
        }
    }

    private async Task AttemptAsync(string id, string token, CancellationToken stopping)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var delivery = await db.Set<WebhookDelivery>().IgnoreQueryFilters().AsNoTracking().FirstAsync(d => d.Id == id, stopping);
        var secret = await db.Users.Where(a => a.Id == delivery.AccountId).Select(a => a.WebhookSecret).FirstAsync(stopping);
        var outcome = await _sender.SendAsync(delivery, secret, stopping);
        _metrics.WebhookAttempt(outcome.Succeeded);
        var status = await new WebhookAttemptRecorder(db, _options, _mail, _clock, _logger).RecordAsync(delivery, token, outcome);
        if (status is DeliveryStatus.Succeeded or DeliveryStatus.Failed)
        {
            _metrics.WebhookDelivery(status);
        }
    }

    private void Release(string accountId, Task? attempt)
    {
        if (attempt is not null)
        {
            lock (_running)
            {
                _running.Remove(attempt);
            }
        }

        _slots.Give(accountId);
        _wake.Notify(); // a slot is free: due deliveries waiting for it go now, not at the next poll
    }

    public void Dispose() => _sender.Dispose();
}

using AudioPortal.Core.Data;
using AudioPortal.Core.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AudioPortal.Core.Webhooks;

/// <summary>
/// Writes what an attempt got into its delivery — only while the attempt still holds the lease, so an attempt that
/// outlived its lease never overwrites the attempt that took over — and schedules the next attempt from
/// <see cref="WebhooksOptions.EffectiveSchedule"/>. After <see cref="WebhooksOptions.DisableAfterFailedEvents"/>
/// consecutive events fail every attempt, the account's webhooks are switched off until re-enabled.
/// </summary>
internal sealed class WebhookAttemptRecorder(AppDbContext db, WebhooksOptions options, CustomerMail mail, TimeProvider clock, ILogger logger)
{
    /// <summary>Records the attempt; returns the delivery's status after it, or null when the lease was lost (nothing recorded).</summary>
    public async Task<string?> RecordAsync(WebhookDelivery delivery, string token, WebhookAttemptOutcome outcome)
    {
        var now = clock.GetUtcNow();
        var attempts = delivery.Attempts + 1;
        var schedule = options.EffectiveSchedule;
        var status = outcome.Succeeded ? DeliveryStatus.Succeeded : attempts > schedule.Count ? DeliveryStatus.Failed : DeliveryStatus.Pending;
        DateTimeOffset? finishedAt = status == DeliveryStatus.Pending ? null : now;
        DateTimeOffset? next = status == DeliveryStatus.Pending ? now + schedule[attempts - 1] : null;

        // Not the caller's token: a shutdown must not leave an answered attempt unrecorded (it would be sent again).
        var recorded = await db.Set<WebhookDelivery>().IgnoreQueryFilters()
            .Where(d => d.Id == delivery.Id && d.LeaseToken == token)
            .ExecuteUpdateAsync(set => set
                .SetProperty(d => d.Attempts, attempts)
                .SetProperty(d => d.LastAttemptAt, now)
                .SetProperty(d => d.ResponseStatus, outcome.Status)
                .SetProperty(d => d.ResponseBody, outcome.Body)
                .SetProperty(d => d.LastError, outcome.Error)
                .SetProperty(d => d.LeaseToken, (string?)null)
                .SetProperty(d => d.Status, status)
                .SetProperty(d => d.FinishedAt, finishedAt)
                .SetProperty(d => d.NextAttemptAt, next), CancellationToken.None);
        if (recorded == 0)
        {
            logger.LogWarning("Webhook {DeliveryId} attempt outlived its lease; its outcome ({Status} {Error}) is not recorded", delivery.Id, outcome.Status, outcome.Error);
            return null;
        }

        if (status == DeliveryStatus.Failed)
        {
            await DisableIfFailingAsync(delivery.AccountId);
        }
        else if (status == DeliveryStatus.Pending)
        {
            logger.LogInformation("Webhook {DeliveryId} attempt {Attempt} failed ({Status} {Error}); next at {Next}",
                delivery.Id, attempts, outcome.Status, outcome.Error, next);
        }

        return status;
    }

    /// <summary>Gives up a lease at shutdown, so the attempt is made again at the next start instead of after the hold.</summary>
    public static async Task ReleaseLeaseAsync(IServiceScopeFactory scopes, string id, string token, DateTimeOffset now)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<WebhookDelivery>().IgnoreQueryFilters()
            .Where(d => d.Id == id && d.LeaseToken == token)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.LeaseToken, (string?)null).SetProperty(d => d.NextAttemptAt, now), CancellationToken.None);
    }

    /// <summary>
    /// Switches the account's webhooks off when its last N finished events all failed every attempt, counting only
    /// events finished since webhooks were last re-enabled (one more failure right after a re-enable is not a streak).
    /// </summary>
    private async Task DisableIfFailingAsync(string accountId)
    {
        var n = options.DisableAfterFailedEvents;
        var since = await db.Users.Where(a => a.Id == accountId).Select(a => a.WebhooksEnabledAt).FirstOrDefaultAsync(CancellationToken.None);
        var last = await db.Set<WebhookDelivery>().IgnoreQueryFilters().AsNoTracking()
            .Where(d => d.AccountId == accountId && d.FinishedAt != null && (since == null || d.FinishedAt > since))
            .OrderByDescending(d => d.FinishedAt).Select(d => d.Status).Take(n).ToListAsync(CancellationToken.None);
        if (last.Count == n && last.All(s => s == DeliveryStatus.Failed))
        {
            // Only the update that actually switched them off mails the customer, so a second server's streak is not a second mail.
            var disabled = await db.Users.Where(a => a.Id == accountId && a.WebhooksEnabled)
                .ExecuteUpdateAsync(set => set.SetProperty(a => a.WebhooksEnabled, false), CancellationToken.None);
            if (disabled == 1)
            {
                logger.LogWarning("Webhooks of account {AccountId} disabled after {Count} consecutive failed events", accountId, n);
                await mail.WebhooksDisabledAsync(accountId, n);
            }
        }
    }
}

using System.Text.Json;
using AudioPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AudioPortal.Core.Webhooks;

/// <summary>The event names of API.md §4.</summary>
public static class WebhookEvents
{
    public const string Completed = "job.completed";
    public const string Failed = "job.failed";
    public const string Progress = "job.progress";
}

/// <summary>
/// Records webhook deliveries as rows in the caller's unit of work, so a job's completion and its
/// <c>job.completed</c> event commit together (never an event for a job that did not complete, nor the reverse).
/// The dispatcher sends them after the commit.
/// </summary>
public sealed class WebhookOutbox(TimeProvider clock)
{
    /// <summary>
    /// Adds a delivery to <paramref name="db"/> (unsaved) when the job has a webhook URL and the account's webhooks
    /// are on. Splits passes its job through its own overload (Webhooks sits below Splits and knows no jobs).
    /// </summary>
    public async Task<WebhookDelivery?> AddAsync(
        AppDbContext db, WebhookJob job, string eventName, object data, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(job.WebhookUrl))
        {
            return null;
        }

        var enabled = await db.Users.AsNoTracking().Where(a => a.Id == job.AccountId).Select(a => (bool?)a.WebhooksEnabled).FirstOrDefaultAsync(cancellationToken);
        if (enabled != true)
        {
            return null;
        }

        // Events queued together (the thresholds a fast job crosses at once) keep their order: each is due a tick after the last.
        var now = clock.GetUtcNow() + TimeSpan.FromTicks(db.ChangeTracker.Entries<WebhookDelivery>().Count(e => e.State == EntityState.Added));
        var payload = new { @event = eventName, jobId = job.Id, timestamp = now, data };
        var delivery = new WebhookDelivery
        {
            AccountId = job.AccountId,
            JobId = job.Id,
            Event = eventName,
            Url = job.WebhookUrl,
            // The one back-reference left to Splits, until the shared JSON options of issue 19 item 4 replace ApiJson.
            Payload = JsonSerializer.Serialize(payload, ApiJson.Options),
            CreatedAt = now,
            NextAttemptAt = now,
        };
        db.Set<WebhookDelivery>().Add(delivery);
        return delivery;
    }
}

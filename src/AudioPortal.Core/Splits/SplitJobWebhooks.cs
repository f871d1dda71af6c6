using AudioPortal.Core.Data;
using AudioPortal.Core.Webhooks;

namespace AudioPortal.Core.Splits;

/// <summary>A split job's events into the webhook outbox (the seam that keeps Webhooks free of Splits).</summary>
public static class SplitJobWebhooks
{
    public static Task<WebhookDelivery?> AddAsync(
        this WebhookOutbox outbox, AppDbContext db, SplitJob job, string eventName, object data, CancellationToken cancellationToken) =>
        outbox.AddAsync(db, new WebhookJob(job.AccountId, job.Id, job.WebhookUrl), eventName, data, cancellationToken);
}

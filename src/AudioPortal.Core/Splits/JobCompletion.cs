using System.Text.Json;
using AudioPortal.Core.Billing;
using AudioPortal.Core.Data;
using AudioPortal.Core.Errors;
using AudioPortal.Core.Telemetry;
using AudioPortal.Core.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AudioPortal.Core.Splits;

/// <summary>
/// The state changes that end or advance a claimed job. Each runs in one transaction with its webhook delivery
/// (and, for completion, the segments and the usage record), and applies only while the claim holds — so a job is
/// completed exactly once, with all its parts, or not at all.
/// </summary>
public sealed class JobCompletion(
    IServiceScopeFactory scopes,
    WebhookOutbox outbox,
    WebhookDispatcher dispatcher,
    SplitJobViews views,
    PublicAddress address,
    IJobEvents events,
    AudioPortalMetrics metrics,
    TimeProvider clock)
{
    public static readonly int[] ProgressEvents = [25, 50, 75];

    public async Task<bool> CompleteAsync(JobClaim claim, List<Segment> segments, Plan plan, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var expires = now + plan.Retention;
        var progressEventsSent = await JobQueue.Held(db, claim).Select(j => j.ProgressEventsSent).FirstOrDefaultAsync(cancellationToken);
        var changed = await JobQueue.Held(db, claim).ExecuteUpdateAsync(set => set
            .SetProperty(j => j.Status, JobStatus.Completed)
            .SetProperty(j => j.Progress, 100)
            .SetProperty(j => j.ProgressEventsSent, ProgressEvents[^1])
            .SetProperty(j => j.CompletedAt, now)
            .SetProperty(j => j.FilesExpireAt, expires)
            .SetProperty(j => j.LeaseToken, (string?)null)
            .SetProperty(j => j.LeaseExpiresAt, (DateTimeOffset?)null), cancellationToken);
        if (changed != 1)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        db.Set<Segment>().AddRange(segments);
        await scope.ServiceProvider.GetRequiredService<IUsageMeter>().CommitAsync(db, claim.JobId, cancellationToken);

        var job = await db.Set<SplitJob>().IgnoreQueryFilters().AsNoTracking().FirstAsync(j => j.Id == claim.JobId, cancellationToken);
        job.Segments = segments;
        // A job too fast to report progress still announces each threshold, before it says it completed.
        foreach (var threshold in ProgressEvents.Where(t => t > progressEventsSent))
        {
            await outbox.AddAsync(db, job, WebhookEvents.Progress, new { status = JobStatus.Processing, progress = threshold }, cancellationToken);
        }

        var webhook = await outbox.AddAsync(db, job, WebhookEvents.Completed, CompletedData(job), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        events.Publish(new JobEvent(job.AccountId, job.Id, JobStatus.Completed, 100, null));
        metrics.JobCompleted(job.SourceDuration ?? 0);
        if (webhook is not null)
        {
            dispatcher.Wake();
        }

        return true;
    }

    /// <summary>Marks the job failed with the catalog error that explains why; false if the claim no longer holds.</summary>
    public async Task<bool> FailAsync(JobClaim claim, AppError error)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var now = clock.GetUtcNow();
        var details = error.Details is { Count: > 0 } ? JsonSerializer.Serialize(error.Details, ApiJson.Options) : null;
        // Last line of defence: whatever a step reported (an I/O error names its file), no server path reaches the API or a webhook.
        var safe = Audio.SafeText.WithoutPaths(error.Message);
        var message = safe.Length > 1000 ? safe[..1000] : safe;
        var changed = await JobQueue.Held(db, claim).ExecuteUpdateAsync(set => set
            .SetProperty(j => j.Status, JobStatus.Failed)
            .SetProperty(j => j.ErrorCode, error.Code)
            .SetProperty(j => j.ErrorMessage, message)
            .SetProperty(j => j.ErrorDetailsJson, details)
            .SetProperty(j => j.CompletedAt, now)
            .SetProperty(j => j.LeaseToken, (string?)null)
            .SetProperty(j => j.LeaseExpiresAt, (DateTimeOffset?)null));
        if (changed != 1)
        {
            await transaction.RollbackAsync();
            return false;
        }

        var job = await db.Set<SplitJob>().IgnoreQueryFilters().AsNoTracking().FirstAsync(j => j.Id == claim.JobId);
        var data = new { status = JobStatus.Failed, error = new { code = error.Code, message } };
        var webhook = await outbox.AddAsync(db, job, WebhookEvents.Failed, data, CancellationToken.None);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();

        events.Publish(new JobEvent(job.AccountId, job.Id, JobStatus.Failed, job.Progress, error.Code));
        metrics.JobFailed(error.Code);
        if (webhook is not null)
        {
            dispatcher.Wake();
        }

        return true;
    }

    /// <summary>
    /// Stores progress; crossing 25, 50 or 75 % also queues a <c>job.progress</c> webhook per threshold crossed, in
    /// order and once each — a fast job that jumps from 10 % to 80 % still announces 25, 50 and 75.
    /// </summary>
    public async Task ProgressAsync(JobClaim claim, int progress, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var sent = await JobQueue.Held(db, claim).Select(j => j.ProgressEventsSent).FirstOrDefaultAsync(cancellationToken);
        var thresholds = ProgressEvents.Where(t => t > sent && t <= progress).ToList();
        var changed = await JobQueue.Held(db, claim).ExecuteUpdateAsync(set => set.SetProperty(j => j.Progress, progress), cancellationToken);
        var crossed = changed == 1 && thresholds.Count > 0 && await JobQueue.Held(db, claim).Where(j => j.ProgressEventsSent == sent)
            .ExecuteUpdateAsync(set => set.SetProperty(j => j.ProgressEventsSent, thresholds[^1]), cancellationToken) == 1;
        WebhookDelivery? webhook = null;
        if (crossed)
        {
            var job = await db.Set<SplitJob>().IgnoreQueryFilters().AsNoTracking().FirstAsync(j => j.Id == claim.JobId, cancellationToken);
            foreach (var threshold in thresholds)
            {
                webhook = await outbox.AddAsync(db, job, WebhookEvents.Progress, new { status = JobStatus.Processing, progress = threshold }, cancellationToken) ?? webhook;
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        if (changed == 1)
        {
            events.Publish(new JobEvent(claim.AccountId, claim.JobId, JobStatus.Processing, progress, null));
        }

        if (webhook is not null)
        {
            dispatcher.Wake();
        }
    }

    private object CompletedData(SplitJob job)
    {
        var view = views.ToView(job);
        if (address.BaseUrl is { } baseUrl)
        {
            view = view.WithBaseUrl(baseUrl);
        }

        return new
        {
            status = JobStatus.Completed,
            splitMode = job.SplitMode,
            segmentCount = job.Segments.Count,
            totalDuration = Math.Round(job.Segments.Sum(s => s.Duration), 3),
            segments = view.Segments,
            manifestUrl = view.ManifestUrl,
            cueUrl = view.CueUrl,
            metadata = view.Metadata,
        };
    }
}

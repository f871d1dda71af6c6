using AudioPortal.Core.Billing;
using AudioPortal.Core.Data;
using AudioPortal.Core.Errors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AudioPortal.Core.Splits;

/// <summary>
/// What happens to a job that did not finish for a reason outside itself: its worker died (lease expired, or held by
/// an earlier process of this node, which a restart proves dead: <see cref="WorkerIdentity"/>) or it hit a
/// transient failure (disk full, ffmpeg missing). Either way it is queued again — after a backoff for transient
/// failures, with the reason shown on the queued job — until it has had <see cref="SplitsOptions.MaxAttempts"/>
/// claims; then it fails with a catalog code instead of being retried forever.
/// </summary>
public sealed class JobRecovery(
    IServiceScopeFactory scopes,
    JobQueue queue,
    JobCompletion completion,
    IJobEvents events,
    SplitsOptions options,
    TimeProvider clock,
    WorkerIdentity identity,
    ILogger<JobRecovery> logger)
{
    /// <summary>
    /// Takes back jobs whose worker vanished — the lease expired, or an earlier process of this node held it — queued
    /// again, or failed once at the attempt cap. Returns the ids queued again.
    /// </summary>
    public async Task<IReadOnlyList<string>> RequeueExpiredAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow();
        var (node, mine) = (identity.NodeId, identity.ProcessPrefix);
        var expired = await db.Set<SplitJob>().IgnoreQueryFilters().AsNoTracking()
            .Where(j => j.Status == JobStatus.Processing &&
                        (j.LeaseExpiresAt < now || (j.LeaseToken!.StartsWith(node) && !j.LeaseToken.StartsWith(mine))))
            .Select(j => new { j.Id, j.AccountId, j.LeaseToken, j.Attempts }).ToListAsync(cancellationToken);
        var requeued = new List<string>();
        foreach (var job in expired)
        {
            if (job.Attempts >= options.MaxAttempts)
            {
                var error = ErrorCatalog.AttemptsExhausted.WithMessage(
                    $"The job's worker stopped before finishing it {job.Attempts} times; it was given up rather than tried again.");
                if (await completion.FailAsync(new JobClaim(job.Id, job.AccountId, job.LeaseToken!), error))
                {
                    logger.LogWarning("Job {JobId} failed: its worker stopped {Attempts} times", job.Id, job.Attempts);
                    await ReleaseReservationAsync(job.Id);
                }

                continue;
            }

            // A live holder may have renewed since the read; an earlier process of this node cannot have.
            var dead = identity.HeldByEarlierProcess(job.LeaseToken);
            var changed = await db.Set<SplitJob>().IgnoreQueryFilters()
                .Where(j => j.Id == job.Id && j.Status == JobStatus.Processing && j.LeaseToken == job.LeaseToken && (dead || j.LeaseExpiresAt < now))
                .ExecuteUpdateAsync(set => set
                    .SetProperty(j => j.Status, JobStatus.Queued)
                    .SetProperty(j => j.LeaseToken, (string?)null)
                    .SetProperty(j => j.LeaseExpiresAt, (DateTimeOffset?)null)
                    .SetProperty(j => j.Progress, 0), cancellationToken);
            if (changed == 1)
            {
                requeued.Add(job.Id);
            }
        }

        return requeued;
    }

    /// <summary>
    /// A transient failure: the job goes back to <c>queued</c> with the reason and when it will be tried again
    /// (<see cref="SplitsOptions.RetryBackoff"/>, doubled per attempt), or fails with that reason at the attempt cap.
    /// </summary>
    public async Task RetryLaterAsync(JobClaim claim, AppError error)
    {
        int attempts;
        await using (var scope = scopes.CreateAsyncScope())
        {
            attempts = await JobQueue.Held(scope.ServiceProvider.GetRequiredService<AppDbContext>(), claim)
                .Select(j => j.Attempts).FirstOrDefaultAsync();
        }

        if (attempts >= options.MaxAttempts)
        {
            await completion.FailAsync(claim, error with { Message = $"{error.Message} Gave up after {attempts} attempts." });
            return;
        }

        var retryAt = clock.GetUtcNow() + options.RetryBackoff * Math.Pow(2, Math.Max(0, attempts - 1));
        var reason = $"{error.Message} Will try again after {retryAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC.";
        var changed = await queue.UpdateHeldAsync(claim, set => set
            .SetProperty(j => j.Status, JobStatus.Queued)
            .SetProperty(j => j.LeaseToken, (string?)null)
            .SetProperty(j => j.LeaseExpiresAt, (DateTimeOffset?)null)
            .SetProperty(j => j.Progress, 0)
            .SetProperty(j => j.RetryAt, retryAt)
            .SetProperty(j => j.ErrorCode, error.Code)
            .SetProperty(j => j.ErrorMessage, reason.Length > 1000 ? reason[..1000] : reason)
            .SetProperty(j => j.ErrorDetailsJson, (string?)null), CancellationToken.None);
        if (changed == 1)
        {
            logger.LogWarning("Job {JobId} queued again after a transient failure ({Code}): {Message}", claim.JobId, error.Code, error.Message);
            events.Publish(new JobEvent(claim.AccountId, claim.JobId, JobStatus.Queued, 0, error.Code));
        }
    }

    /// <summary>Returns the minutes a failed job had reserved (billing may register the meter per scope).</summary>
    public async Task ReleaseReservationAsync(string jobId)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IUsageMeter>().ReleaseAsync(jobId, CancellationToken.None);
    }
}

using AudioPortal.Core.Data;
using AudioPortal.Core.Splits;
using Microsoft.EntityFrameworkCore;

namespace AudioPortal.Core.Admin;

/// <summary>A job a worker holds now; <c>Worker</c> is the node and process ids its lease token starts with.</summary>
public sealed record RunningJob(string JobId, string AccountId, string? Email, string Worker, int Progress, int Attempts,
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? LeaseExpiresAt);

/// <summary>A job that failed within the window, with its catalog code.</summary>
public sealed record FailedJob(string JobId, string AccountId, string Code, string? Message, DateTimeOffset FailedAt);

/// <summary>Waiting time from creation to a worker's claim, over the jobs started within the window.</summary>
public sealed record QueueWaits(int Started, TimeSpan? Average, TimeSpan? Longest);

/// <summary>
/// The queue as an operator sees it: what runs on which worker, what waits (and how long the oldest has waited; jobs of
/// disabled accounts wait apart), how long claimed jobs waited, and the failures of the window by code.
/// </summary>
public sealed record QueueSnapshot(DateTimeOffset At, TimeSpan Window, IReadOnlyList<RunningJob> Running, int Queued, int QueuedOfDisabledAccounts,
    TimeSpan? OldestQueuedWait, QueueWaits Waits, IReadOnlyDictionary<string, int> FailuresByCode, IReadOnlyList<FailedJob> RecentFailures);

/// <summary>Reads the job table across accounts for the operator console (read-only).</summary>
public sealed class AdminQueueView(AppDbContext db, AdminOptions options, TimeProvider clock)
{
    /// <summary>Enough to average over; a busier window is averaged over its most recent claims.</summary>
    public const int MaxWaitSamples = 5000;

    public async Task<QueueSnapshot> GetAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var since = now - options.StatsWindow;
        var jobs = db.Set<SplitJob>().IgnoreQueryFilters().AsNoTracking().Where(j => j.DeletedAt == null);
        var disabled = db.Users.Where(a => a.DisabledAt != null).Select(a => a.Id);

        var running = (await jobs.Where(j => j.Status == JobStatus.Processing)
            .Join(db.Users, j => j.AccountId, a => a.Id, (j, a) => new { Job = j, a.Email })
            .ToListAsync(cancellationToken))
            .Select(r => new RunningJob(r.Job.Id, r.Job.AccountId, r.Email, WorkerOf(r.Job.LeaseToken), r.Job.Progress, r.Job.Attempts,
                r.Job.CreatedAt, r.Job.StartedAt, r.Job.LeaseExpiresAt))
            .OrderBy(r => r.StartedAt)
            .ToList();

        var queued = jobs.Where(j => j.Status == JobStatus.Queued);
        var queuedCount = await queued.CountAsync(cancellationToken);
        var queuedDisabled = await queued.CountAsync(j => disabled.Contains(j.AccountId), cancellationToken);
        var oldest = await queued.Where(j => !disabled.Contains(j.AccountId)).OrderBy(j => j.CreatedAt)
            .Select(j => (DateTimeOffset?)j.CreatedAt).FirstOrDefaultAsync(cancellationToken);

        var waits = (await jobs.Where(j => j.StartedAt != null && j.StartedAt >= since)
            .OrderByDescending(j => j.StartedAt).Take(MaxWaitSamples)
            .Select(j => new { j.CreatedAt, j.StartedAt }).ToListAsync(cancellationToken))
            .Select(w => w.StartedAt!.Value - w.CreatedAt)
            .ToList();

        var failed = jobs.Where(j => j.Status == JobStatus.Failed && j.CompletedAt >= since);
        var byCode = await failed.GroupBy(j => j.ErrorCode ?? "UNKNOWN")
            .Select(g => new { Code = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Code, g => g.Count, cancellationToken);
        var recent = await failed.OrderByDescending(j => j.CompletedAt).Take(20)
            .Select(j => new FailedJob(j.Id, j.AccountId, j.ErrorCode ?? "UNKNOWN", j.ErrorMessage, j.CompletedAt!.Value))
            .ToListAsync(cancellationToken);

        return new QueueSnapshot(now, options.StatsWindow, running, queuedCount, queuedDisabled, oldest is { } o ? now - o : null,
            new QueueWaits(waits.Count, waits.Count == 0 ? null : TimeSpan.FromTicks((long)waits.Average(w => w.Ticks)), waits.Count == 0 ? null : waits.Max()),
            byCode, recent);
    }

    /// <summary>The node and process part of a lease token (see <see cref="WorkerIdentity.NewLeaseToken"/>).</summary>
    private static string WorkerOf(string? leaseToken) =>
        leaseToken is { Length: >= 2 * WorkerIdentity.IdLength } ? leaseToken[..WorkerIdentity.IdLength] + "/" + leaseToken[WorkerIdentity.IdLength..(2 * WorkerIdentity.IdLength)]
        : "—";
}

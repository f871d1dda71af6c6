using AudioPortal.Core.Data;
using AudioPortal.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AudioPortal.Core.Splits;

/// <summary>
/// Deletes job files past the plan's retention (<c>filesExpireAt</c>), job records <see cref="RetentionOptions.JobRecords"/>
/// after their files are gone, idempotency keys past their 24 h, and the other rows past their <see cref="RetentionOptions"/>
/// window (<see cref="ExpiredRows"/>). Deleted accounts and their billing records are the <c>AccountSweeper</c>'s.
/// </summary>
public sealed class RetentionSweeper(
    IServiceScopeFactory scopes, IBlobStore store, SplitsOptions options, RetentionOptions retention, ClusterLeases leases, TimeProvider clock,
    ILogger<RetentionSweeper> logger)
{
    public Task RunAsync(CancellationToken stopping) =>
        PeriodicSweep.RunAsync(SweepAsync, retention.SweepInterval, "Retention", leases, clock, logger, stopping);

    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var jobs = db.Set<SplitJob>().IgnoreQueryFilters();
        var now = clock.GetUtcNow();

        var expired = await jobs.AsNoTracking()
            .Where(j => j.FilesExpireAt < now && j.FilesDeletedAt == null && j.Status != JobStatus.Processing && j.Status != JobStatus.Queued)
            .OrderBy(j => j.FilesExpireAt) // longest expired first; an unordered batch is also what EF warns about at every start
            .Select(j => new { j.Id, j.AccountId }).Take(500).ToListAsync(cancellationToken);
        foreach (var job in expired)
        {
            await store.DeletePrefixAsync(BlobKeys.JobFolder(job.AccountId, job.Id));
            await jobs.Where(j => j.Id == job.Id).ExecuteUpdateAsync(set => set.SetProperty(j => j.FilesDeletedAt, now), cancellationToken);
        }

        // Kept while the window runs from the moment the files went (an expiry, the owner's delete, the account's deletion).
        var recordCutoff = now - retention.JobRecords;
        var old = await jobs.AsNoTracking().Where(j => j.FilesDeletedAt <= recordCutoff && j.Status != JobStatus.Processing)
            .OrderBy(j => j.FilesDeletedAt).Select(j => new { j.Id, j.AccountId }).Take(500).ToListAsync(cancellationToken);
        foreach (var job in old)
        {
            await store.DeletePrefixAsync(BlobKeys.JobFolder(job.AccountId, job.Id));
        }

        var oldIds = old.Select(j => j.Id).ToList();
        await db.Set<Segment>().Where(s => oldIds.Contains(s.JobId)).ExecuteDeleteAsync(cancellationToken);
        await jobs.Where(j => oldIds.Contains(j.Id)).ExecuteDeleteAsync(cancellationToken);

        var keyCutoff = now - options.IdempotencyWindow;
        await db.Set<IdempotencyRecord>().IgnoreQueryFilters().Where(r => r.CreatedAt < keyCutoff).ExecuteDeleteAsync(cancellationToken);
        var rows = await ExpiredRows.DeleteAsync(db, retention, now, cancellationToken);
        if (expired.Count + old.Count + rows > 0)
        {
            logger.LogInformation("Retention: removed files of {Files} job(s), {Records} old job record(s), {Rows} other expired row(s)", expired.Count, old.Count, rows);
        }
    }
}

using AudioPortal.Core.Data;
using AudioPortal.Core.Splits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AudioPortal.Core.Storage;

/// <summary>What one sweep removed.</summary>
public sealed record StorageSweepResult(int StagedUploads, int PartialFiles, int OrphanFiles, int WorkFolders)
{
    public int Total => StagedUploads + PartialFiles + OrphanFiles + WorkFolders;
}

/// <summary>
/// Removes files nothing will ever use again, which retention cannot see because no record points at them: staged
/// uploads never turned into jobs (a closed tab, a failed request, a restart), half-written <c>*.partial-*</c> files,
/// files no record points at (<see cref="StorageOrphans"/>), and work folders of jobs no longer running here. Runs at start and every <see cref="StorageOptions.SweepInterval"/>.
/// </summary>
public sealed class StorageSweeper(
    IServiceScopeFactory scopes, IBlobStore store, SplitsOptions splits, IOptions<StorageOptions> options, ClusterLeases leases, TimeProvider clock,
    ILogger<StorageSweeper> logger)
{
    public Task RunAsync(CancellationToken stopping) =>
        PeriodicSweep.RunAsync(SweepAsync, options.Value.SweepInterval, "Storage", leases, clock, logger, stopping);

    public async Task<StorageSweepResult> SweepAsync(CancellationToken cancellationToken)
    {
        // List before asking the database: a file or folder whose job starts after the listing is not in it, and
        // one whose job started before is seen as referenced by the query that follows.
        var cutoff = clock.GetUtcNow() - options.Value.StagedUploadLifetime;
        var old = store.ListAll().Where(f => f.LastWriteUtc < cutoff).ToList();
        var workEntries = ListWorkEntries();

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var jobs = db.Set<SplitJob>().IgnoreQueryFilters().AsNoTracking();
        var active = jobs.Where(j => j.Status == JobStatus.Queued || j.Status == JobStatus.Processing);

        // Age is the last write, so a partial still being written is never old.
        var partials = old.Where(f => f.Key.Contains(BlobKeys.PartialMarker, StringComparison.Ordinal)).ToList();
        var complete = old.Where(f => !f.Key.Contains(BlobKeys.PartialMarker, StringComparison.Ordinal)).ToList();
        var staged = complete.Where(f => StorageOrphans.AccountSubfolder(f.Key) == "uploads").Select(f => f.Key).ToList();
        var referenced = await active.Where(j => j.SourceKey != null && j.SourceKey.Contains("/uploads/"))
            .Select(j => j.SourceKey!).ToListAsync(cancellationToken);
        staged = staged.Except(referenced, StringComparer.Ordinal).ToList();

        var orphans = await StorageOrphans.JobFilesAsync(db, complete, cancellationToken);
        orphans.AddRange(await StorageOrphans.ExportFilesAsync(db, complete, cancellationToken));

        foreach (var key in partials.Select(f => f.Key).Concat(staged).Concat(orphans))
        {
            await store.DeleteAsync(key);
        }

        // A lease that has run out belongs to a worker that died (a restart): its folder is garbage even before the requeue.
        var now = clock.GetUtcNow();
        var running = (await jobs.Where(j => j.Status == JobStatus.Processing && j.LeaseToken != null && j.LeaseExpiresAt >= now)
            .Select(j => new { j.Id, j.LeaseToken }).ToListAsync(cancellationToken)).Select(j => $"{j.Id}-{j.LeaseToken}").ToHashSet();
        var work = workEntries.Where(e => !running.Contains(e.Name)).Count(TryDelete);

        var result = new StorageSweepResult(staged.Count, partials.Count, orphans.Count, work);
        if (result.Total > 0)
        {
            logger.LogInformation("Storage: removed {Staged} abandoned upload(s), {Partial} partial file(s), {Orphans} orphaned file(s), {Work} stale work folder(s)",
                result.StagedUploads, result.PartialFiles, result.OrphanFiles, result.WorkFolders);
        }

        return result;
    }

    /// <summary>The job work folders (<c>{jobId}-{leaseToken}</c>) in the work directory; anything else there is left alone.</summary>
    private List<FileSystemInfo> ListWorkEntries()
    {
        var root = new DirectoryInfo(splits.WorkDirectory);
        return root.Exists ? root.EnumerateFileSystemInfos("job_*").ToList() : [];
    }

    private bool TryDelete(FileSystemInfo entry)
    {
        try
        {
            if (entry is DirectoryInfo directory)
            {
                directory.Delete(recursive: true);
            }
            else
            {
                entry.Delete();
            }

            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogDebug(e, "Could not remove the stale work folder {Name}", entry.Name);
            return false;
        }
    }
}

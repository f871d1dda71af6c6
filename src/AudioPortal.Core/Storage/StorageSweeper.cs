using AudioPortal.Core.Accounts;
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
/// export files without a live export, job folders without a job (a crash between storing a source and saving its
/// job), and work folders of jobs no longer running here. Runs at start and every <see cref="StorageOptions.SweepInterval"/>.
/// </summary>
public sealed class StorageSweeper(
    IServiceScopeFactory scopes, IBlobStore store, SplitsOptions splits, IOptions<StorageOptions> options, TimeProvider clock, ILogger<StorageSweeper> logger)
{
    private const int Batch = 500;

    public async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await SweepAsync(stopping);
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                logger.LogError(e, "Storage sweep failed");
            }

            try
            {
                await Task.Delay(options.Value.SweepInterval, clock, stopping);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

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
        var staged = complete.Where(f => AccountSubfolder(f.Key) == "uploads").Select(f => f.Key).ToList();
        var referenced = await active.Where(j => j.SourceKey != null && j.SourceKey.Contains("/uploads/"))
            .Select(j => j.SourceKey!).ToListAsync(cancellationToken);
        staged = staged.Except(referenced, StringComparer.Ordinal).ToList();

        var orphans = await OrphanJobFilesAsync(jobs, complete, cancellationToken);
        orphans.AddRange(await OrphanExportFilesAsync(db, complete, cancellationToken));

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

    /// <summary>Files under <c>{account}/job_…/</c> whose job record no longer exists (or never did).</summary>
    private static async Task<List<string>> OrphanJobFilesAsync(IQueryable<SplitJob> jobs, IEnumerable<StoredFile> old, CancellationToken cancellationToken)
    {
        var byJob = old.Where(f => AccountSubfolder(f.Key)?.StartsWith("job_", StringComparison.Ordinal) == true)
            .GroupBy(f => AccountSubfolder(f.Key)!).ToList();
        var orphans = new List<string>();
        foreach (var chunk in byJob.Chunk(Batch))
        {
            var ids = chunk.Select(g => g.Key).ToList();
            var known = (await jobs.Where(j => ids.Contains(j.Id)).Select(j => j.Id).ToListAsync(cancellationToken)).ToHashSet();
            orphans.AddRange(chunk.Where(g => !known.Contains(g.Key)).SelectMany(g => g.Select(f => f.Key)));
        }

        return orphans;
    }

    /// <summary>Files under <c>{account}/exports/</c> whose export failed, was expired, or no longer exists.</summary>
    private static async Task<List<string>> OrphanExportFilesAsync(AppDbContext db, IEnumerable<StoredFile> old, CancellationToken cancellationToken)
    {
        var files = old.Where(f => AccountSubfolder(f.Key) == "exports")
            .Select(f => (f.Key, Id: Path.GetFileNameWithoutExtension(f.Key))).ToList();
        var orphans = new List<string>();
        foreach (var chunk in files.Chunk(Batch))
        {
            var ids = chunk.Select(f => f.Id).ToList();
            var live = (await db.Set<AccountExport>().IgnoreQueryFilters().AsNoTracking()
                .Where(e => ids.Contains(e.Id) && e.Status != ExportStatus.Failed && e.FilesDeletedAt == null)
                .Select(e => e.Id).ToListAsync(cancellationToken)).ToHashSet();
            orphans.AddRange(chunk.Where(f => !live.Contains(f.Id)).Select(f => f.Key));
        }

        return orphans;
    }

    /// <summary>The job work folders (<c>{jobId}-{leaseToken}</c>) in the work directory; anything else there is left alone.</summary>
    private List<FileSystemInfo> ListWorkEntries()
    {
        var root = new DirectoryInfo(splits.WorkDirectory);
        return root.Exists ? root.EnumerateFileSystemInfos("job_*").ToList() : [];
    }

    /// <summary>The folder right under the account's (<c>uploads</c>, <c>exports</c>, <c>job_…</c>); null for a file at its top.</summary>
    private static string? AccountSubfolder(string key)
    {
        var segments = key.Split('/');
        return segments.Length > 2 ? segments[1] : null;
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

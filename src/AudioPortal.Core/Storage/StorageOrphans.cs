using AudioPortal.Core.Accounts;
using AudioPortal.Core.Data;
using AudioPortal.Core.Splits;
using Microsoft.EntityFrameworkCore;

namespace AudioPortal.Core.Storage;

/// <summary>
/// Finds stored files that no record points at, among files the sweeper already judged old enough. Retention cannot
/// see them because it works from records: a job folder whose job was never saved (a crash between storing a source
/// and saving its job), parts of an attempt that lost its lease or crashed, and export files of failed or expired exports.
/// </summary>
internal static class StorageOrphans
{
    private const int Batch = 500;

    /// <summary>
    /// Files under <c>{account}/job_…/</c> whose job record does not exist, and part files of a finished job that are
    /// not its segments (a failed job has none; a completed one keeps only the winning attempt's parts and manifest files).
    /// </summary>
    public static async Task<List<string>> JobFilesAsync(AppDbContext db, IEnumerable<StoredFile> old, CancellationToken cancellationToken)
    {
        var byJob = old.Where(f => AccountSubfolder(f.Key)?.StartsWith("job_", StringComparison.Ordinal) == true)
            .GroupBy(f => AccountSubfolder(f.Key)!).ToList();
        var orphans = new List<string>();
        foreach (var chunk in byJob.Chunk(Batch))
        {
            var ids = chunk.Select(g => g.Key).ToList();
            var statuses = await db.Set<SplitJob>().IgnoreQueryFilters().AsNoTracking().Where(j => ids.Contains(j.Id))
                .ToDictionaryAsync(j => j.Id, j => j.Status, cancellationToken);
            var finished = statuses.Where(j => j.Value is JobStatus.Completed or JobStatus.Failed).Select(j => j.Key).ToList();
            var segments = (await db.Set<Segment>().AsNoTracking().Where(s => finished.Contains(s.JobId))
                .Select(s => s.BlobKey).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
            // The winning attempt's manifest files sit beside its segments: keep them with the segments.
            var kept = segments.Concat(segments.SelectMany(s => new[] { BlobKeys.BesidePart(s, StoredManifests.Json), BlobKeys.BesidePart(s, StoredManifests.Cue) }))
                .ToHashSet(StringComparer.Ordinal);
            foreach (var job in chunk)
            {
                var status = statuses.GetValueOrDefault(job.Key);
                orphans.AddRange(job.Where(f => status is null || (IsPart(f.Key) && finished.Contains(job.Key) && !kept.Contains(f.Key)))
                    .Select(f => f.Key));
            }
        }

        return orphans;
    }

    /// <summary>Files under <c>{account}/exports/</c> whose export failed, was expired, or no longer exists.</summary>
    public static async Task<List<string>> ExportFilesAsync(AppDbContext db, IEnumerable<StoredFile> old, CancellationToken cancellationToken)
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

    /// <summary>The folder right under the account's (<c>uploads</c>, <c>exports</c>, <c>job_…</c>); null for a file at its top.</summary>
    public static string? AccountSubfolder(string key)
    {
        var segments = key.Split('/');
        return segments.Length > 2 ? segments[1] : null;
    }

    /// <summary><c>{account}/{job}/parts/{attempt}/{file}</c>, as <see cref="BlobKeys.Part"/> lays it out.</summary>
    private static bool IsPart(string key) => key.Split('/') is [_, _, "parts", _, _];
}

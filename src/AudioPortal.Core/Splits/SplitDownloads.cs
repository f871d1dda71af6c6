using AudioPortal.Audio.Writing;
using AudioPortal.Core.Data;
using AudioPortal.Core.Errors;
using AudioPortal.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AudioPortal.Core.Splits;

/// <summary>A file to send: where it is stored, its name and content type.</summary>
public sealed record DownloadFile(string BlobKey, string FileName, string ContentType, long Size);

/// <summary>
/// What the archive holds: the parts in order, the name to give the ZIP, and the stored manifest files' keys (null for
/// a job completed before manifests were stored).
/// </summary>
public sealed record ArchiveContents(string FileName, IReadOnlyList<Segment> Parts, string? ManifestKey, string? CueKey);

/// <summary>
/// Resolves signed download links to stored files. The link itself is the credential (verified by the caller with
/// <see cref="SignedUrls"/>), so this looks the job up across accounts; the signed path pins it to one job.
/// </summary>
public sealed class SplitDownloads(AppDbContext db, SignedUrls signer, SplitJobViews views, IBlobStore store)
{
    /// <summary>Verifies the link, then finds the job's files. 401 bad signature, 410 expired link or files gone, 409 failed job.</summary>
    public async Task<Result<SplitJob>> OpenJobAsync(string method, string signedPath, string jobId, string? expires, string? sig, CancellationToken cancellationToken)
    {
        var verified = signer.Verify(method, signedPath, expires, sig);
        if (!verified.IsSuccess)
        {
            return verified.Error;
        }

        var job = await db.Set<SplitJob>().IgnoreQueryFilters().AsNoTracking().Include(j => j.Segments)
            .FirstOrDefaultAsync(j => j.Id == jobId && j.DeletedAt == null, cancellationToken);
        if (job is null)
        {
            return ErrorCatalog.JobNotFound.WithMessage($"No split job '{jobId}'.");
        }

        if (job.Status == JobStatus.Failed)
        {
            return ErrorCatalog.JobFailed.WithDetails(new Dictionary<string, object?> { ["cause"] = job.ErrorCode });
        }

        if (job.Status != JobStatus.Completed)
        {
            return ErrorCatalog.JobNotFound.WithMessage("The job has not completed yet.");
        }

        return views.FilesAvailable(job)
            ? job
            : ErrorCatalog.DownloadExpired.WithMessage("The job's files were deleted when its retention ended.");
    }

    public async Task<Result<DownloadFile>> SegmentAsync(string method, string jobId, int index, string? expires, string? sig, CancellationToken cancellationToken)
    {
        var job = await OpenJobAsync(method, SplitJobViews.SegmentPath(jobId, index), jobId, expires, sig, cancellationToken);
        if (!job.IsSuccess)
        {
            return job.Error;
        }

        var segment = job.Value.Segments.FirstOrDefault(s => s.Index == index);
        return segment is null
            ? ErrorCatalog.NotFound.WithMessage($"The job has no segment {index}.")
            : new DownloadFile(segment.BlobKey, segment.FileName, ContentTypeOf(job.Value), segment.Size);
    }

    public async Task<Result<ArchiveContents>> ArchiveAsync(string method, string jobId, string? expires, string? sig, CancellationToken cancellationToken)
    {
        var job = await OpenJobAsync(method, SplitJobViews.ArchivePath(jobId), jobId, expires, sig, cancellationToken);
        if (!job.IsSuccess)
        {
            return job.Error;
        }

        var baseName = Path.GetFileNameWithoutExtension(job.Value.SourceFileName ?? "");
        var name = (string.IsNullOrWhiteSpace(baseName) ? job.Value.Id : baseName) + "-parts.zip";
        return new ArchiveContents(name, job.Value.Segments.OrderBy(s => s.Index).ToList(),
            StoredManifests.Find(store, job.Value, StoredManifests.Json), StoredManifests.Find(store, job.Value, StoredManifests.Cue));
    }

    /// <summary><paramref name="fileName"/> is <c>manifest.json</c> or <c>manifest.cue</c>; 404 for a job completed before they were stored.</summary>
    public async Task<Result<DownloadFile>> ManifestAsync(string method, string jobId, string fileName, string? expires, string? sig, CancellationToken cancellationToken)
    {
        var job = await OpenJobAsync(method, SplitJobViews.ManifestPath(jobId, fileName), jobId, expires, sig, cancellationToken);
        if (!job.IsSuccess)
        {
            return job.Error;
        }

        return StoredManifests.Find(store, job.Value, fileName) is { } key
            ? new DownloadFile(key, fileName, StoredManifests.ContentType(fileName), 0)
            : ErrorCatalog.NotFound.WithMessage("The job was completed before manifests were stored; its archive lists the parts.");
    }

    private static string ContentTypeOf(SplitJob job) =>
        OutputFormats.Parse(job.OutputFormat) is { } format ? OutputFormats.ContentType(format) : "application/octet-stream";
}

using System.Text.Json;
using AudioPortal.Core.Storage;

namespace AudioPortal.Core.Splits;

/// <summary>The job object of API.md §3, field for field. Download links are relative until the host makes them absolute.</summary>
public sealed record SplitJobView(
    string Id,
    string Status,
    int Progress,
    string SplitMode,
    int? SegmentDuration,
    long? MaxFileSize,
    int? Parts,
    string? OutputFormat,
    string? SourceUrl,
    string? SourceFileName,
    string? SourceFormat,
    double? SourceDuration,
    long? SourceSize,
    int? SegmentCount,
    IReadOnlyList<SegmentView> Segments,
    string? ArchiveUrl,
    string? ManifestUrl,
    string? CueUrl,
    string? WebhookUrl,
    IReadOnlyDictionary<string, string> Metadata,
    JobErrorView? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? FilesExpireAt)
{
    /// <summary>The same job with links prefixed by <paramref name="baseUrl"/> (<c>https://host</c>).</summary>
    public SplitJobView WithBaseUrl(string baseUrl) => this with
    {
        Segments = Segments.Select(s => s with { DownloadUrl = baseUrl + s.DownloadUrl }).ToList(),
        ArchiveUrl = ArchiveUrl is null ? null : baseUrl + ArchiveUrl,
        ManifestUrl = ManifestUrl is null ? null : baseUrl + ManifestUrl,
        CueUrl = CueUrl is null ? null : baseUrl + CueUrl,
    };
}

/// <summary>A written part; samples [<see cref="StartSample"/>, <see cref="EndSample"/>) of the source at <see cref="SampleRate"/>.</summary>
public sealed record SegmentView(
    int Index, double Start, double Duration, long Size, string DownloadUrl, DateTimeOffset ExpiresAt,
    long StartSample, long EndSample, int SampleRate, string CutReason, string? Title);

public sealed record JobErrorView(string Code, string Message, IReadOnlyDictionary<string, object?>? Details);

/// <summary>Builds views from rows, minting fresh signed links each time while the files are retained.</summary>
public sealed class SplitJobViews(SignedUrls signer, IBlobStore store, TimeProvider clock)
{
    public static string SegmentPath(string jobId, int index) => $"/api/v1/splits/{jobId}/segments/{index}";

    public static string ArchivePath(string jobId) => $"/api/v1/splits/{jobId}/archive";

    /// <summary><c>/manifest.json</c> or <c>/manifest.cue</c>: the stored file's own name is the last path segment.</summary>
    public static string ManifestPath(string jobId, string fileName) => $"/api/v1/splits/{jobId}/{fileName}";

    /// <summary>Files are gone once swept, deleted or past <c>filesExpireAt</c>: the segment list is then empty.</summary>
    public bool FilesAvailable(SplitJob job) =>
        job.Status == JobStatus.Completed && job.FilesDeletedAt is null && job.DeletedAt is null &&
        (job.FilesExpireAt is null || job.FilesExpireAt > clock.GetUtcNow());

    public SplitJobView ToView(SplitJob job)
    {
        var available = FilesAvailable(job);
        // Both manifest files are stored together (StoredManifests.StoreAsync): one lookup answers for both links.
        var manifests = available && StoredManifests.Find(store, job, StoredManifests.Json) is not null;
        var segments = available
            ? job.Segments.OrderBy(s => s.Index).Select(s =>
            {
                var link = signer.Sign(SegmentPath(job.Id, s.Index));
                return new SegmentView(s.Index, Round(s.Start), Round(s.Duration), s.Size, link.PathAndQuery, link.ExpiresAt, s.StartSample, s.EndSample, s.SampleRate, s.CutReason, s.Title);
            }).ToList()
            : [];
        return new SplitJobView(
            job.Id, job.Status, job.Progress, job.SplitMode, job.SegmentDuration, job.MaxFileSize, job.Parts, job.OutputFormat,
            job.SourceUrl, job.SourceFileName, job.SourceFormat, job.SourceDuration is { } d ? Round(d) : null, job.SourceSize,
            job.Status == JobStatus.Completed ? job.Segments.Count : null,
            segments,
            available ? signer.Sign(ArchivePath(job.Id)).PathAndQuery : null,
            manifests ? ManifestLink(job.Id, StoredManifests.Json) : null,
            manifests ? ManifestLink(job.Id, StoredManifests.Cue) : null,
            job.WebhookUrl,
            ReadMetadata(job.MetadataJson),
            job.ErrorCode is null ? null : new JobErrorView(job.ErrorCode, job.ErrorMessage ?? "", ReadDetails(job.ErrorDetailsJson)),
            job.CreatedAt, job.StartedAt, job.CompletedAt, job.FilesExpireAt);
    }

    private string ManifestLink(string jobId, string fileName) => signer.Sign(ManifestPath(jobId, fileName)).PathAndQuery;

    public static IReadOnlyDictionary<string, string> ReadMetadata(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];

    private static IReadOnlyDictionary<string, object?>? ReadDetails(string? json) =>
        json is null ? null : JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)?.ToDictionary(p => p.Key, p => (object?)p.Value);

    private static double Round(double seconds) => Math.Round(seconds, 3);
}

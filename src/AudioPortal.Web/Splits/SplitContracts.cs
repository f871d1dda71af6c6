using AudioPortal.Core.Splits;
using AudioPortal.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace AudioPortal.Web.Splits;

/// <summary>The JSON shapes of <c>/api/v1/splits</c> (API.md §3), mapped from the domain views with absolute links.</summary>
public static class SplitContracts
{
    /// <summary>The job object, field for field.</summary>
    public sealed record SplitJobDto(
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
        IReadOnlyList<SegmentDto> Segments,
        string? ArchiveUrl,
        string? ManifestUrl,
        string? CueUrl,
        string? WebhookUrl,
        IReadOnlyDictionary<string, string> Metadata,
        JobErrorDto? Error,
        DateTimeOffset CreatedAt,
        DateTimeOffset? StartedAt,
        DateTimeOffset? CompletedAt,
        DateTimeOffset? FilesExpireAt);

    /// <summary>A part: <c>startSample</c>/<c>endSample</c> at the source's <c>sampleRate</c>, why it ends there, and its chapter title (omitted when none).</summary>
    public sealed record SegmentDto(
        int Index, double Start, double Duration, long Size, string DownloadUrl, DateTimeOffset ExpiresAt,
        long StartSample, long EndSample, int SampleRate, string CutReason, string? Title);

    /// <summary>The answer of <c>POST /splits/preview</c>: the parts a split would make, nothing queued.</summary>
    public sealed record SplitPreviewDto(IReadOnlyList<PreviewPartDto> Parts);

    /// <summary>
    /// A planned part: seconds and samples of the source, why it ends there, its title, and the bytes it will take
    /// (exact for lossless copies and wav, an upper estimate for encoded formats).
    /// </summary>
    public sealed record PreviewPartDto(
        int Index, double Start, double End, long StartSample, long EndSample, int SampleRate, string CutReason, string? Title, long EstimatedSize);

    public static SplitPreviewDto ToDto(this IReadOnlyList<PreviewPart> parts) => new(
        parts.Select(p => new PreviewPartDto(p.Index, p.Start, p.End, p.StartSample, p.EndSample, p.SampleRate, p.CutReason, p.Title, p.EstimatedSize)).ToList());

    /// <summary>Why a job failed: a catalog code, its message, and details such as <c>cause</c>.</summary>
    public sealed record JobErrorDto(string Code, string Message, IReadOnlyDictionary<string, object?>? Details);

    public sealed record SplitJobPageDto(IReadOnlyList<SplitJobDto> Data, PaginationDto Pagination);

    /// <summary>
    /// The multipart form of <c>POST /splits</c>, for the document only (the upload is streamed by
    /// <see cref="SplitUploadReader"/>): the audio in <c>file</c>, the JSON body's fields as text parts,
    /// <c>metadata</c> as a JSON object in text. The smart-cut fields are text parts too; the <c>silence</c> object is
    /// flat (<c>silence.thresholdDb</c> and so on), and <c>cueSheet</c> may also be a second file part.
    /// </summary>
    public sealed record CreateSplitForm(
        IFormFile File, string? SplitMode, int? SegmentDuration, long? MaxFileSize, int? Parts, string? OutputFormat, string? WebhookUrl, string? Metadata,
        string? CutAt,
        [property: FromForm(Name = "silence.thresholdDb")] double? SilenceThresholdDb,
        [property: FromForm(Name = "silence.floorDbfs")] double? SilenceFloorDbfs,
        [property: FromForm(Name = "silence.minSilenceMs")] int? SilenceMinSilenceMs,
        [property: FromForm(Name = "silence.searchWindow")] double? SilenceSearchWindow,
        double? MaxSegmentDuration, double? Overlap, int? FadeMs, string? NameTemplate, string? CueSheet, string? Preset,
        int? SampleRate, int? Channels, int? BitRate);

    public static SplitJobDto ToDto(this SplitJobView job, string baseUrl)
    {
        var absolute = job.WithBaseUrl(baseUrl);
        return new SplitJobDto(
            absolute.Id, absolute.Status, absolute.Progress, absolute.SplitMode, absolute.SegmentDuration, absolute.MaxFileSize, absolute.Parts,
            absolute.OutputFormat, absolute.SourceUrl, absolute.SourceFileName, absolute.SourceFormat, absolute.SourceDuration, absolute.SourceSize,
            absolute.SegmentCount,
            absolute.Segments.Select(s => new SegmentDto(s.Index, s.Start, s.Duration, s.Size, s.DownloadUrl, s.ExpiresAt, s.StartSample, s.EndSample, s.SampleRate, s.CutReason, s.Title)).ToList(),
            absolute.ArchiveUrl, absolute.ManifestUrl, absolute.CueUrl, absolute.WebhookUrl, absolute.Metadata,
            absolute.Error is { } e ? new JobErrorDto(e.Code, e.Message, e.Details) : null,
            absolute.CreatedAt, absolute.StartedAt, absolute.CompletedAt, absolute.FilesExpireAt);
    }

    public static SplitJobPageDto ToDto(this JobPage page, string baseUrl) => new(
        page.Data.Select(j => j.ToDto(baseUrl)).ToList(),
        new PaginationDto(page.Pagination.Page, page.Pagination.Limit, page.Pagination.Total, page.Pagination.TotalPages));
}

using AudioPortal.Core.Splits;
using AudioPortal.Web.Api;

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
        string? WebhookUrl,
        IReadOnlyDictionary<string, string> Metadata,
        JobErrorDto? Error,
        DateTimeOffset CreatedAt,
        DateTimeOffset? StartedAt,
        DateTimeOffset? CompletedAt,
        DateTimeOffset? FilesExpireAt);

    public sealed record SegmentDto(int Index, double Start, double Duration, long Size, string DownloadUrl, DateTimeOffset ExpiresAt);

    /// <summary>Why a job failed: a catalog code, its message, and details such as <c>cause</c>.</summary>
    public sealed record JobErrorDto(string Code, string Message, IReadOnlyDictionary<string, object?>? Details);

    public sealed record SplitJobPageDto(IReadOnlyList<SplitJobDto> Data, PaginationDto Pagination);

    /// <summary>
    /// The multipart form of <c>POST /splits</c>, for the document only (the upload is streamed by
    /// <see cref="SplitUploadReader"/>): the audio in <c>file</c>, the JSON body's fields as text parts,
    /// <c>metadata</c> as a JSON object in text.
    /// </summary>
    public sealed record CreateSplitForm(
        IFormFile File, string? SplitMode, int? SegmentDuration, long? MaxFileSize, int? Parts, string? OutputFormat, string? WebhookUrl, string? Metadata);

    public static SplitJobDto ToDto(this SplitJobView job, string baseUrl)
    {
        var absolute = job.WithBaseUrl(baseUrl);
        return new SplitJobDto(
            absolute.Id, absolute.Status, absolute.Progress, absolute.SplitMode, absolute.SegmentDuration, absolute.MaxFileSize, absolute.Parts,
            absolute.OutputFormat, absolute.SourceUrl, absolute.SourceFileName, absolute.SourceFormat, absolute.SourceDuration, absolute.SourceSize,
            absolute.SegmentCount,
            absolute.Segments.Select(s => new SegmentDto(s.Index, s.Start, s.Duration, s.Size, s.DownloadUrl, s.ExpiresAt)).ToList(),
            absolute.ArchiveUrl, absolute.WebhookUrl, absolute.Metadata,
            absolute.Error is { } e ? new JobErrorDto(e.Code, e.Message, e.Details) : null,
            absolute.CreatedAt, absolute.StartedAt, absolute.CompletedAt, absolute.FilesExpireAt);
    }

    public static SplitJobPageDto ToDto(this JobPage page, string baseUrl) => new(
        page.Data.Select(j => j.ToDto(baseUrl)).ToList(),
        new PaginationDto(page.Pagination.Page, page.Pagination.Limit, page.Pagination.Total, page.Pagination.TotalPages));
}

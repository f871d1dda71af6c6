namespace AudioPortal.Core.Splits;

/// <summary>The fields of <c>POST /splits</c> (JSON body or multipart form fields). Null means "not given".</summary>
public sealed record CreateSplitRequest
{
    public string? SourceUrl { get; init; }

    public string? SplitMode { get; init; }

    public int? SegmentDuration { get; init; }

    public long? MaxFileSize { get; init; }

    public int? Parts { get; init; }

    public string? OutputFormat { get; init; }

    public string? WebhookUrl { get; init; }

    public Dictionary<string, string>? Metadata { get; init; }
}

/// <summary>
/// The fields of <c>PATCH /splits/{id}</c>; null leaves a field unchanged. Giving one of segmentDuration,
/// maxFileSize or parts switches the job to that mode. An empty <see cref="WebhookUrl"/> removes the webhook.
/// </summary>
public sealed record PatchSplitRequest
{
    public int? SegmentDuration { get; init; }

    public long? MaxFileSize { get; init; }

    public int? Parts { get; init; }

    public string? OutputFormat { get; init; }

    public string? WebhookUrl { get; init; }

    public Dictionary<string, string>? Metadata { get; init; }
}

/// <summary>An upload already streamed into storage, waiting to become a job's source.</summary>
public sealed record StagedUpload(string Key, string? FileName, long Size, string Sha256);

/// <summary>A created job, and whether it was an idempotent replay of an earlier request.</summary>
public sealed record CreatedJob(SplitJobView Job, bool Replayed);

public sealed record JobPage(IReadOnlyList<SplitJobView> Data, PageInfo Pagination);

public sealed record PageInfo(int Page, int Limit, int Total, int TotalPages);

/// <summary>The split modes as the API spells them.</summary>
public static class SplitModes
{
    public const string Duration = "duration";
    public const string FileSize = "fileSize";
    public const string Parts = "parts";

    public static IReadOnlyList<string> All { get; } = [Duration, FileSize, Parts];
}

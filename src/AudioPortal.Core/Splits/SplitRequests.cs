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

    /// <summary><c>exact</c> (default) or <c>silence</c>.</summary>
    public string? CutAt { get; init; }

    public SilenceFields? Silence { get; init; }

    /// <summary>A hard cap on every part's length in seconds.</summary>
    public double? MaxSegmentDuration { get; init; }

    /// <summary>Seconds (0–30) each part after the first starts before the previous part's end.</summary>
    public double? Overlap { get; init; }

    /// <summary>Fade in/out at the cuts of transcoded parts, 0–500 ms.</summary>
    public int? FadeMs { get; init; }

    /// <summary>Part names, e.g. <c>{name}-part-{n:02}</c>.</summary>
    public string? NameTemplate { get; init; }

    /// <summary>The text of a CUE sheet whose tracks are the parts (<c>splitMode=chapters</c>).</summary>
    public string? CueSheet { get; init; }

    /// <summary>A preset's name (<c>GET /presets</c>): its settings fill the fields not given here.</summary>
    public string? Preset { get; init; }

    /// <summary>The parts' sample rate in Hz (the source's when not given).</summary>
    public int? SampleRate { get; init; }

    /// <summary>The parts' channels, 1 or 2 (the source's when not given).</summary>
    public int? Channels { get; init; }

    /// <summary>The parts' bitrate in bits per second (mp3, ogg, aac; the format's default when not given).</summary>
    public int? BitRate { get; init; }
}

/// <summary>The <c>silence</c> object of a create request (multipart: <c>silence.thresholdDb</c> and so on).</summary>
public sealed record SilenceFields
{
    /// <summary>dB under the file's median frame level (default −25).</summary>
    public double? ThresholdDb { get; init; }

    public double? FloorDbfs { get; init; }

    public int? MinSilenceMs { get; init; }

    /// <summary>Seconds a cut may move back (default 15 % of the part, at most 60).</summary>
    public double? SearchWindow { get; init; }
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
    public const string Chapters = "chapters";

    public static IReadOnlyList<string> All { get; } = [Duration, FileSize, Parts, Chapters];
}

/// <summary>The values of <c>cutAt</c>.</summary>
public static class CutAtValues
{
    public const string Exact = "exact";
    public const string Silence = "silence";
}

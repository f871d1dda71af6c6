using AudioPortal.Core.Splits;

namespace AudioPortal.Web.Splits.Pages;

/// <summary>
/// What the user chose on the New split page: the mode, its value and the output format. It checks the values
/// as the user types (the same ranges as the API) and turns them into the service's request (also used for the
/// live preview).
/// </summary>
public sealed class SplitSettings
{
    public const long BytesPerMegabyte = 1024 * 1024;

    public string Mode { get; set; } = SplitModes.Duration;

    public int SegmentSeconds { get; set; } = 60;

    /// <summary>The part size limit in MiB (the API takes bytes).</summary>
    public double MaxMegabytes { get; set; } = 10;

    public int Parts { get; set; } = 2;

    public string OutputFormat { get; set; } = "mp3";

    public static IReadOnlyList<string> Formats { get; } = ["mp3", "wav", "flac", "ogg", "aac"];

    public long MaxFileSizeBytes => (long)Math.Floor(MaxMegabytes * BytesPerMegabyte);

    /// <summary>The first problem with the value of the chosen mode, or null when it is acceptable.</summary>
    public string? ValueError(double? sourceSeconds) => Mode switch
    {
        SplitModes.Duration when SegmentSeconds < 1 => "Segment duration must be at least 1 second.",
        SplitModes.Duration when sourceSeconds is { } s && SegmentSeconds > s => $"Longer than the source ({s:0.#} s).",
        SplitModes.FileSize when MaxFileSizeBytes < 65536 => "Parts must be allowed at least 64 KiB (0.0625 MB).",
        SplitModes.Parts when Parts is < 2 or > 1000 => "Between 2 and 1000 parts.",
        _ => null,
    };

    public CreateSplitRequest ToRequest(string? sourceUrl = null) => new()
    {
        SourceUrl = sourceUrl,
        SplitMode = Mode,
        SegmentDuration = Mode == SplitModes.Duration ? SegmentSeconds : null,
        MaxFileSize = Mode == SplitModes.FileSize ? MaxFileSizeBytes : null,
        Parts = Mode == SplitModes.Parts ? Parts : null,
        OutputFormat = OutputFormat,
    };
}

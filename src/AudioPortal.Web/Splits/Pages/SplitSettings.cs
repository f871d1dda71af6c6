using AudioPortal.Core.Splits;

namespace AudioPortal.Web.Splits.Pages;

/// <summary>
/// What the user chose on the New split page: the mode, its value, the output format and the smart cuts. It checks
/// the values as the user types (the same ranges as the API; the smart-cut fields by the API's own rules) and turns
/// them into the service's request (also used for the live preview).
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

    /// <summary>Move each cut back to a pause (API <c>cutAt=silence</c>).</summary>
    public bool CutAtSilence { get; set; }

    /// <summary>A hard cap on every part's length, with any mode (API <c>maxSegmentDuration</c>).</summary>
    public double? MaxSegmentSeconds { get; set; }

    public double Overlap { get; set; }

    public int FadeMs { get; set; }

    public string? NameTemplate { get; set; }

    /// <summary>A configured preset (API <c>preset</c>): its caps hold on top of the mode chosen here.</summary>
    public string? Preset { get; set; }

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

    /// <summary>The smart-cut fields' problems by field name, by the API's own rules.</summary>
    public IReadOnlyDictionary<string, string> SmartCutErrors() =>
        SplitRequestChecks.SmartCutProblems(ToRequest()).GroupBy(f => f.Field).ToDictionary(g => g.Key, g => g.First().Message);

    public CreateSplitRequest ToRequest(string? sourceUrl = null) => new()
    {
        SourceUrl = sourceUrl,
        SplitMode = Mode,
        SegmentDuration = Mode == SplitModes.Duration ? SegmentSeconds : null,
        MaxFileSize = Mode == SplitModes.FileSize ? MaxFileSizeBytes : null,
        Parts = Mode == SplitModes.Parts ? Parts : null,
        OutputFormat = OutputFormat,
        CutAt = CutAtSilence ? CutAtValues.Silence : null,
        MaxSegmentDuration = MaxSegmentSeconds,
        Overlap = Overlap != 0 ? Overlap : null,
        FadeMs = FadeMs != 0 ? FadeMs : null,
        NameTemplate = string.IsNullOrWhiteSpace(NameTemplate) ? null : NameTemplate.Trim(),
        Preset = string.IsNullOrEmpty(Preset) ? null : Preset,
    };
}

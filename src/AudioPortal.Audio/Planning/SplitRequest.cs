using AudioPortal.Audio.Silence;

namespace AudioPortal.Audio.Planning;

/// <summary>How to cut: every N seconds, parts under N bytes, or N equal parts.</summary>
public enum SplitMode
{
    Duration,
    FileSize,
    Parts,

    /// <summary>At the chapters embedded in the source, or at the tracks of <see cref="SplitRequest.CueSheet"/> when given.</summary>
    Chapters,
}

/// <summary>The formats parts can be written in. <see cref="Aac"/> is written as AAC in an M4A container (<c>.m4a</c>).</summary>
public enum OutputFormat
{
    Mp3,
    Wav,
    Flac,
    Ogg,
    Aac,
}

/// <summary>Where cuts go: exactly at the nominal points, or moved back to the nearest good silence.</summary>
public enum CutAt
{
    Exact,
    Silence,
}

/// <summary>
/// A user's split request; exactly one of the mode's values is set. <see cref="MaxFileSize"/> is the mode's value for
/// <see cref="SplitMode.FileSize"/> and a hard cap on every part in the other modes, like <see cref="MaxSegmentSeconds"/>.
/// </summary>
public sealed record SplitRequest(
    SplitMode Mode,
    OutputFormat Format,
    double? SegmentSeconds = null,
    long? MaxFileSize = null,
    int? Parts = null)
{
    public CutAt CutAt { get; init; } = CutAt.Exact;

    /// <summary>How silences are found and how far back a cut may move (for <see cref="CutAt.Silence"/>).</summary>
    public SilenceSettings Silence { get; init; } = new();

    /// <summary>A hard cap on every part's length in seconds (overlap included).</summary>
    public double? MaxSegmentSeconds { get; init; }

    /// <summary>Seconds (0–30) each part after the first starts before the previous part's end.</summary>
    public double OverlapSeconds { get; init; }

    /// <summary>Fade in and out at the cuts of transcoded parts (0–500 ms); lossless routes refuse it.</summary>
    public int FadeMs { get; init; }

    /// <summary>The text of a CUE sheet whose tracks are the parts (<see cref="SplitMode.Chapters"/> only).</summary>
    public string? CueSheet { get; init; }

    /// <summary>The parts' sample rate, channels and bitrate when not the source's (a preset's 16 kHz mono).</summary>
    public PartEncoding Encoding { get; init; } = PartEncoding.Source;

    /// <summary>Whether the cut planner of silences, caps and overlap plans this split (the plain planner otherwise).</summary>
    public bool UsesSmartCuts =>
        CutAt == CutAt.Silence || MaxSegmentSeconds is not null || OverlapSeconds != 0 || (Mode != SplitMode.FileSize && MaxFileSize is not null);
}

/// <summary>One planned part: samples [<see cref="StartSample"/>, <see cref="EndSample"/>) of the source.</summary>
public sealed record PartRange(int Index, long StartSample, long EndSample)
{
    public long Length => EndSample - StartSample;

    /// <summary>Why the part ends at <see cref="EndSample"/>.</summary>
    public CutReason CutReason { get; init; } = CutReason.Nominal;

    /// <summary>The chapter's or CUE track's title, written to the part's tags and manifest (null otherwise).</summary>
    public string? Title { get; init; }

    /// <summary>A CUE track's performer, written to the part's <c>artist</c> tag (null keeps the source's).</summary>
    public string? Performer { get; init; }
}

/// <summary>The ordered ranges a split will write (gap-free; overlapping by <see cref="OverlapSamples"/>), computed before any audio is written.</summary>
public sealed record SplitPlan(int SampleRate, OutputFormat Format, IReadOnlyList<PartRange> Parts)
{
    /// <summary>How many samples each part after the first repeats of the one before.</summary>
    public long OverlapSamples { get; init; }

    /// <summary>Fade in/out at each cut, in milliseconds (transcodes only).</summary>
    public int FadeMs { get; init; }

    /// <summary>The parts' sample rate, channels and bitrate (the ranges stay in the source's samples).</summary>
    public PartEncoding Encoding { get; init; } = PartEncoding.Source;

    /// <summary>Cuts placed at silences, under caps or with overlap: a writer may cut a part again to fit, but must not plan anew.</summary>
    public bool FixedCuts { get; init; }

    /// <summary>For <c>fileSize</c> splits, the byte limit every part must respect (writers cut earlier if an estimate was short).</summary>
    public long? MaxFileSize { get; init; }

    /// <summary>True when the sizes were computed exactly (WAV block copy, PCM output, CBR MP3 frame copy), false for estimates.</summary>
    public bool SizesExact { get; init; }

    /// <summary>A <c>fileSize</c> plan whose part sizes are estimates: the parts written may differ (none exceeds the limit).</summary>
    public bool SizesEstimated => MaxFileSize is not null && !SizesExact;

    /// <summary>The title of the planned part that <paramref name="sample"/> falls in (written parts are matched by where they start).</summary>
    public string? TitleAt(long sample) => Parts.LastOrDefault(p => p.StartSample <= sample)?.Title;

    /// <summary>The performer of the planned part that <paramref name="sample"/> falls in.</summary>
    public string? PerformerAt(long sample) => Parts.LastOrDefault(p => p.StartSample <= sample)?.Performer;

    public double StartSeconds(PartRange part) => part.StartSample / (double)SampleRate;

    public double DurationSeconds(PartRange part) => part.Length / (double)SampleRate;
}

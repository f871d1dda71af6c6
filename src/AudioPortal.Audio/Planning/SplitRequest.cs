namespace AudioPortal.Audio.Planning;

/// <summary>How to cut: every N seconds, parts under N bytes, or N equal parts.</summary>
public enum SplitMode
{
    Duration,
    FileSize,
    Parts,
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

/// <summary>A user's split request; exactly one of the mode's values is set.</summary>
public sealed record SplitRequest(
    SplitMode Mode,
    OutputFormat Format,
    double? SegmentSeconds = null,
    long? MaxFileSize = null,
    int? Parts = null);

/// <summary>One planned part: samples [<see cref="StartSample"/>, <see cref="EndSample"/>) of the source.</summary>
public sealed record PartRange(int Index, long StartSample, long EndSample)
{
    public long Length => EndSample - StartSample;
}

/// <summary>The ordered, gap-free ranges a split will write, computed before any audio is written.</summary>
public sealed record SplitPlan(int SampleRate, OutputFormat Format, IReadOnlyList<PartRange> Parts)
{
    /// <summary>For <c>fileSize</c> splits, the byte limit every part must respect (writers cut earlier if an estimate was short).</summary>
    public long? MaxFileSize { get; init; }

    /// <summary>True when the sizes were computed exactly (WAV block copy, PCM output, CBR MP3 frame copy), false for estimates.</summary>
    public bool SizesExact { get; init; }

    /// <summary>A <c>fileSize</c> plan whose part sizes are estimates: the parts written may differ (none exceeds the limit).</summary>
    public bool SizesEstimated => MaxFileSize is not null && !SizesExact;

    public double StartSeconds(PartRange part) => part.StartSample / (double)SampleRate;

    public double DurationSeconds(PartRange part) => part.Length / (double)SampleRate;
}

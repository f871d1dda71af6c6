namespace AudioPortal.Audio.Writing;

/// <summary>One piece of a split being encoded (by ffmpeg or the FLAC encoder): its sample range, its scratch file, and how it was tagged.</summary>
internal sealed class EncodedSegment(long start, long end)
{
    public long Start { get; } = start;

    public long End { get; } = end;

    public long Length => End - Start;

    /// <summary>The finished file in the output folder (hidden, <c>.partial</c>) until the split succeeds; null until written.</summary>
    public string? ScratchPath { get; set; }

    public long Size { get; set; }

    /// <summary>The "n/N" its tags were written with; a re-split elsewhere makes it stale.</summary>
    public (int Number, int Count) TaggedAs { get; set; }
}

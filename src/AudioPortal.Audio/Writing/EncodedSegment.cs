namespace AudioPortal.Audio.Writing;

/// <summary>One piece of a split being encoded (by ffmpeg or the FLAC encoder): its sample range, its scratch file, and how it was tagged.</summary>
internal sealed class EncodedSegment(long start, long end)
{
    public long Start { get; } = start;

    public long End { get; } = end;

    public long Length => End - Start;

    /// <summary>The planned part's chapter title, for its tags (null for other splits and for re-split pieces).</summary>
    public string? Title { get; init; }

    public string? Performer { get; init; }

    /// <summary>The finished file in the output folder (hidden, <c>.partial</c>) until the split succeeds; null until written.</summary>
    public string? ScratchPath { get; set; }

    public long Size { get; set; }

    /// <summary>The "n/N" its tags were written with; a re-split elsewhere makes it stale.</summary>
    public (int Number, int Count) TaggedAs { get; set; }

    /// <summary>Equal pieces (at least two) that would each come out at about <paramref name="targetSize"/> bytes, judged by this encode.</summary>
    public List<EncodedSegment> SplitFor(double targetSize)
    {
        var pieces = (int)Math.Max(2, Math.Ceiling(Size / targetSize));
        return Enumerable.Range(0, pieces)
            .Select(k => new EncodedSegment(Start + Length * k / pieces, Start + Length * (k + 1) / pieces))
            .ToList();
    }
}

namespace AudioPortal.Audio.Writing;

/// <summary>
/// How full <c>fileSize</c> parts must be, and the correction pass that gets encoded parts there. A part's size is
/// known only once it is encoded, so after each pass the first part that came out over the limit, or (other than the
/// last) under <see cref="MinFill"/> of it, and every part after it are planned again from the bytes per sample every
/// part of the pass really took at its place in the source, aiming at <see cref="Target"/> of the limit.
/// </summary>
internal static class PartFill
{
    /// <summary>Every part but the last holds at least this share of the limit.</summary>
    public const double MinFill = 0.85;

    /// <summary>What a planned part aims at: between <see cref="MinFill"/> and the limit, with room for the encoder's variance.</summary>
    public const double Target = 0.94;

    /// <summary>Passes of correction before a split settles for parts that fit (re-split when too big, however full).</summary>
    public const int MaxCorrections = 4;

    /// <summary>The first part over the limit or, but for the last, under <see cref="MinFill"/> of it; -1 when all are right.</summary>
    public static int FirstMisfit(IReadOnlyList<EncodedSegment> segments, long maxFileSize)
    {
        for (var i = 0; i < segments.Count; i++)
        {
            if (segments[i].Size > maxFileSize || (i < segments.Count - 1 && segments[i].Size < MinFill * maxFileSize))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// New segments from the start of <paramref name="from"/> to the end, each aimed at <see cref="Target"/> of the limit
    /// by the measured rates of <paramref name="measured"/> (contiguous encoded segments covering the source).
    /// </summary>
    public static List<EncodedSegment> Replan(IReadOnlyList<EncodedSegment> measured, int from, long maxFileSize, int minSamples)
    {
        var end = measured[^1].End;
        var budget = Target * maxFileSize;
        var planned = new List<EncodedSegment>();
        var at = measured[from].Start;
        var span = from;
        while (at < end)
        {
            var left = budget;
            var cut = end;
            for (var p = at; span < measured.Count; span++)
            {
                var rate = Math.Max(1e-9, measured[span].Size / (double)measured[span].Length);
                var room = (measured[span].End - p) * rate;
                if (room >= left)
                {
                    cut = p + (long)(left / rate);
                    break;
                }

                left -= room;
                p = measured[span].End;
            }

            cut = Math.Min(end, Math.Max(cut, at + minSamples));
            planned.Add(new EncodedSegment(at, cut));
            at = cut;
            while (span < measured.Count && measured[span].End <= at)
            {
                span++;
            }
        }

        return planned;
    }
}

namespace AudioPortal.Audio.Silence;

/// <summary>
/// The silences of a source, in its own samples, and the levels they were judged by. Ordered and disjoint.
/// </summary>
/// <param name="SampleRate">The source's sample rate (the unit of every span).</param>
/// <param name="MedianDbfs">The median 20 ms frame level of the whole file (RMS of the mono mix).</param>
/// <param name="ThresholdDbfs">Frames under this level were quiet.</param>
public sealed record SilenceMap(int SampleRate, long TotalSamples, double MedianDbfs, double ThresholdDbfs, IReadOnlyList<SilenceSpan> Silences)
{
    /// <summary>A map with no silence at all (every silence cut becomes a hard cut).</summary>
    public static SilenceMap None(int sampleRate, long totalSamples) => new(sampleRate, totalSamples, 0, double.NegativeInfinity, []);

    /// <summary>Whether <paramref name="sample"/> lies inside a detected silence.</summary>
    public bool IsSilent(long sample)
    {
        var (lo, hi) = (0, Silences.Count - 1);
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            var span = Silences[mid];
            if (sample < span.StartSample)
            {
                hi = mid - 1;
            }
            else if (sample >= span.EndSample)
            {
                lo = mid + 1;
            }
            else
            {
                return true;
            }
        }

        return false;
    }
}

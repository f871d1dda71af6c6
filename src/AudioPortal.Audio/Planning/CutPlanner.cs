using AudioPortal.Audio.Silence;

namespace AudioPortal.Audio.Planning;

/// <summary>
/// Places cuts one after another. Each part's end is its nominal point or, when that is past the hard cap, the cap
/// (reason <see cref="CutReason.Hard"/>). With a silence map the end then moves <b>backward only</b> to the middle of
/// the longest silence in the search window before it (<see cref="CutReason.Silence"/>), or stays and is
/// <see cref="CutReason.Hard"/> when the window holds none — so a cut never passes a cap. Every part after the first
/// starts <see cref="CutRules.OverlapSamples"/> before the previous part's end. Pure: no I/O.
/// </summary>
internal static class CutPlanner
{
    public static AudioResult<List<PartRange>> Plan(CutRules rules, SilenceMap? silences)
    {
        var total = rules.TotalSamples;
        var g = rules.Granularity;
        var cap = rules.MaxPartSamples ?? long.MaxValue;
        if (cap - rules.OverlapSamples < Math.Max(g, rules.SampleRate))
        {
            return new AudioError(AudioErrorCodes.InvalidParams, "The overlap leaves less than a second of new audio in a part under the cap.");
        }

        var parts = new List<PartRange>();
        long previousCut = 0;
        while (true)
        {
            if (parts.Count >= PartSizeModel.MaxParts)
            {
                return new AudioError(AudioErrorCodes.InvalidParams, $"The split would make more than {PartSizeModel.MaxParts} parts.");
            }

            var start = parts.Count == 0 ? 0 : previousCut - rules.OverlapSamples;
            if (start < 0)
            {
                return new AudioError(AudioErrorCodes.InvalidParams, "The overlap is longer than the first part.");
            }

            var capEnd = cap == long.MaxValue ? long.MaxValue : AlignDown(start + cap, g);
            var nominal = rules.Kind switch
            {
                NominalKind.Every => AlignDown(previousCut + rules.Step, g),
                NominalKind.Grid => parts.Count < rules.Grid!.Count ? rules.Grid[parts.Count] : total,
                _ => capEnd,
            };
            var end = Math.Min(nominal, capEnd);

            // The rest fits in this part, or is a sliver under a second that this part can absorb under its cap.
            if (end >= total || (total - end < rules.SampleRate && total - start <= cap))
            {
                parts.Add(new PartRange(parts.Count, start, total));
                return parts;
            }

            var reason = end < nominal ? CutReason.Hard : CutReason.Nominal;
            if (silences is not null)
            {
                var window = (long)(rules.SampleRate * (rules.SearchWindowSeconds
                    ?? Math.Min(SilenceSettings.MaxSearchWindowSeconds, SilenceSettings.DefaultSearchWindowShare * (end - start) / rules.SampleRate)));
                // Never give up more than half of a part's new audio, however wide a window was asked for.
                var from = Math.Max(end - window, previousCut + (end - previousCut) / 2);
                (end, reason) = SilenceCut(silences, from, end, g) is { } cut ? (cut, CutReason.Silence) : (end, CutReason.Hard);
            }

            parts.Add(new PartRange(parts.Count, start, end) { CutReason = reason });
            previousCut = end;
        }
    }

    /// <summary>The middle (on the granularity) of the longest silence within [from, to]; null when none holds a usable point.</summary>
    internal static long? SilenceCut(SilenceMap map, long from, long to, int granularity)
    {
        long? best = null;
        long bestLength = -1;
        var spans = map.Silences;
        for (var i = FirstEndingAfter(spans, from); i < spans.Count && spans[i].StartSample <= to; i++)
        {
            var lo = Math.Max(spans[i].StartSample, from);
            var hi = Math.Min(spans[i].EndSample - 1, to); // the last sample inside both
            var first = AlignUp(lo, granularity);
            var last = AlignDown(hi, granularity);
            if (first > last || hi - lo < bestLength)
            {
                continue;
            }

            bestLength = hi - lo;
            best = Math.Clamp(AlignDown(lo + (hi - lo) / 2, granularity), first, last);
        }

        return best;
    }

    private static int FirstEndingAfter(IReadOnlyList<SilenceSpan> spans, long sample)
    {
        var (lo, hi) = (0, spans.Count);
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (spans[mid].EndSample <= sample)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    internal static long AlignDown(long sample, int granularity) => sample / granularity * granularity;

    private static long AlignUp(long sample, int granularity) => (sample + granularity - 1) / granularity * granularity;
}

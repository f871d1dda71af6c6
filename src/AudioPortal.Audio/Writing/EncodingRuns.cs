namespace AudioPortal.Audio.Writing;

/// <summary>
/// Cuts the segments still to encode into runs of adjacent ones, each written by one encoder (one ffmpeg process
/// or one FLAC encoder): about equal work per worker, so every core is busy to the end, and at most
/// <see cref="MaxRun"/> outputs (encoders held in memory) per process.
/// </summary>
internal static class EncodingRuns
{
    /// <summary>Each output holds an encoder in memory; beyond this many a run is cut anyway.</summary>
    public const int MaxRun = 32;

    public static List<List<(EncodedSegment Segment, int Number)>> Group(List<(EncodedSegment Segment, int Number)> pending, int parallelism)
    {
        var target = pending.Sum(p => p.Segment.Length) / (double)Math.Max(1, Math.Min(parallelism, pending.Count));
        var runs = new List<List<(EncodedSegment Segment, int Number)>>();
        List<(EncodedSegment Segment, int Number)>? current = null;
        long size = 0;
        foreach (var item in pending)
        {
            if (current is null || current[^1].Segment.End != item.Segment.Start || current.Count >= MaxRun || size + item.Segment.Length / 2.0 > target)
            {
                current = [];
                runs.Add(current);
                size = 0;
            }

            current.Add(item);
            size += item.Segment.Length;
        }

        return runs;
    }
}

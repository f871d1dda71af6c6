using AudioPortal.Audio.Writing;

namespace AudioPortal.Audio.Tests.Writing;

public sealed class EncodingRunsTests
{
    private static List<(EncodedSegment Segment, int Number)> Segments(params long[] lengths)
    {
        var list = new List<(EncodedSegment, int)>();
        long start = 0;
        foreach (var length in lengths)
        {
            list.Add((new EncodedSegment(start, start + length), list.Count + 1));
            start += length;
        }

        return list;
    }

    private static List<int> RunSizes(List<List<(EncodedSegment Segment, int Number)>> runs) => runs.Select(r => r.Count).ToList();

    [Fact]
    public void Ten_equal_parts_on_two_workers_are_two_runs_of_five()
    {
        Assert.Equal([5, 5], RunSizes(EncodingRuns.Group(Segments(Enumerable.Repeat(60L, 10).ToArray()), 2)));
    }

    [Fact]
    public void Runs_keep_the_parts_in_order_and_cover_every_one_once()
    {
        var pending = Segments(10, 70, 20, 60, 30, 50, 40);

        var runs = EncodingRuns.Group(pending, 3);

        Assert.Equal(pending.Select(p => p.Number), runs.SelectMany(r => r).Select(p => p.Number));
        Assert.All(runs, run => Assert.All(run.Zip(run.Skip(1)), pair => Assert.Equal(pair.First.Segment.End, pair.Second.Segment.Start)));
    }

    [Fact]
    public void A_run_never_holds_more_than_the_encoder_limit()
    {
        var runs = EncodingRuns.Group(Segments(Enumerable.Repeat(1L, 100).ToArray()), 1);

        Assert.All(runs, run => Assert.True(run.Count <= EncodingRuns.MaxRun));
        Assert.Equal(100, runs.Sum(r => r.Count));
    }

    [Fact]
    public void Segments_that_are_not_adjacent_never_share_a_run()
    {
        // After a re-split only some pieces are pending: a gap means another process must seek.
        var pending = Segments(60, 60, 60);
        pending.RemoveAt(1);

        Assert.Equal([1, 1], RunSizes(EncodingRuns.Group(pending, 1)));
    }
}

using AudioPortal.Audio.Planning;
using AudioPortal.Audio.Probing;
using AudioPortal.Audio.Silence;
using CsCheck;

namespace AudioPortal.Audio.Tests.Planning;

/// <summary>Silence-aware cuts under hard caps, with overlap: examples, then properties over random silence maps and caps.</summary>
public class CutPlannerTests
{
    private const int Rate = 44100;
    private static readonly Dictionary<string, string> NoTags = [];

    private static AudioInfo Wav(double seconds, int rate = Rate) =>
        new(AudioContainer.Wav, "pcm_s16le", rate, 2, 16, rate * 32, (long)Math.Round(seconds * rate), NoTags);

    private static AudioInfo Mp3(double seconds, int rate = Rate) =>
        new(AudioContainer.Mp3, "mp3", rate, 2, null, 128_000, (long)(seconds * rate) / 1152 * 1152, NoTags);

    private static SilenceMap Map(AudioInfo source, params (double From, double To)[] silences) =>
        new(source.SampleRate, source.TotalSamples, -12, -37,
            silences.Select(s => new SilenceSpan((long)(s.From * source.SampleRate), (long)(s.To * source.SampleRate))).ToList());

    private static SplitPlan Ok(AudioInfo source, SplitRequest request, SilenceMap? map = null)
    {
        var plan = SplitPlanner.Plan(source, request, map);
        Assert.True(plan.IsSuccess, plan.Error?.ToString());
        return plan.Value;
    }

    private static SplitRequest Every(double seconds, OutputFormat format = OutputFormat.Wav) =>
        new(SplitMode.Duration, format, SegmentSeconds: seconds) { CutAt = CutAt.Silence };

    [Fact]
    public void A_cut_moves_back_to_the_middle_of_the_longest_silence_in_its_window()
    {
        var source = Wav(100);

        var plan = Ok(source, Every(30), Map(source, (20, 24), (25.6, 27), (28, 28.4), (30.5, 33)));

        // The window is 15 % of 30 s = 4.5 s before 30 s: [25.6, 27] is the longest in it; [20, 24] is before it and
        // [30.5, 33] after the nominal cut.
        Assert.InRange(plan.Parts[0].EndSample, 26.3 * Rate - 1, 26.3 * Rate + 1);
        Assert.Equal(CutReason.Silence, plan.Parts[0].CutReason);
    }

    [Fact]
    public void A_window_without_silence_leaves_a_hard_cut_at_the_nominal_point()
    {
        var source = Wav(100);

        var plan = Ok(source, Every(30), Map(source, (10, 11)));

        Assert.Equal(30 * Rate, plan.Parts[0].EndSample);
        Assert.Equal(CutReason.Hard, plan.Parts[0].CutReason);
        Assert.Equal(CutReason.Nominal, plan.Parts[^1].CutReason);
    }

    [Fact]
    public void A_silence_running_past_the_nominal_cut_is_only_used_up_to_it()
    {
        var source = Wav(100);

        var plan = Ok(source, Every(30), Map(source, (29, 40)));

        Assert.Equal(29.5 * Rate, plan.Parts[0].EndSample); // the middle of the part of it inside the window
    }

    [Fact]
    public void The_smaller_of_the_duration_and_size_caps_holds_for_every_part()
    {
        var source = Wav(600);
        var request = new SplitRequest(SplitMode.Parts, OutputFormat.Wav, MaxFileSize: 10_000_000, Parts: 2) { MaxSegmentSeconds = 100 };

        var plan = Ok(source, request);

        // 100 s of 16-bit stereo is 17.6 MB: the 10 MB cap (~56.6 s) is the smaller, so more than two parts.
        Assert.All(plan.Parts, p => Assert.True(p.Length * 4 < 10_000_000));
        Assert.True(plan.Parts.Count >= 11);
        Assert.Contains(plan.Parts, p => p.CutReason == CutReason.Hard);
    }

    [Fact]
    public void Overlap_starts_each_part_before_the_previous_end_and_is_rounded_to_whole_frames_for_mp3_copies()
    {
        var source = Mp3(120);

        var plan = Ok(source, new SplitRequest(SplitMode.Duration, OutputFormat.Mp3, SegmentSeconds: 30) { OverlapSeconds = 2 });

        Assert.Equal(77 * 1152, plan.OverlapSamples); // 2 s = 76.56 frames
        for (var i = 1; i < plan.Parts.Count; i++)
        {
            Assert.Equal(plan.Parts[i - 1].EndSample - plan.OverlapSamples, plan.Parts[i].StartSample);
        }
    }

    [Fact]
    public void Fades_are_refused_for_lossless_copies_and_kept_for_transcodes()
    {
        var source = Wav(60);

        var copy = SplitPlanner.Plan(source, new SplitRequest(SplitMode.Parts, OutputFormat.Wav, Parts: 2) { FadeMs = 20 });
        var transcode = Ok(source, new SplitRequest(SplitMode.Parts, OutputFormat.Mp3, Parts: 2) { FadeMs = 20 });

        Assert.Equal(AudioErrorCodes.InvalidParams, copy.Error?.Code);
        Assert.Contains("fadeMs applies only to transcoded parts", copy.Error?.Message);
        Assert.Equal(20, transcode.FadeMs);
    }

    [Theory]
    [InlineData(31, null, 5)]
    [InlineData(-1, null, 5)]
    [InlineData(0, 0.5, 5)]
    [InlineData(10, 10.0, 5)]
    public void Overlaps_and_caps_outside_their_ranges_are_refused(double overlap, double? maxSeconds, double window)
    {
        var request = Every(30) with { OverlapSeconds = overlap, MaxSegmentSeconds = maxSeconds, Silence = new SilenceSettings(SearchWindowSeconds: window) };

        var plan = SplitPlanner.Plan(Wav(100), request, SilenceMap.None(Rate, 100 * Rate));

        Assert.False(plan.IsSuccess);
    }

    [Fact]
    public void A_silence_split_without_a_silence_map_is_refused() =>
        Assert.Equal(AudioErrorCodes.InvalidParams, SplitPlanner.Plan(Wav(100), Every(30)).Error?.Code);

    [Fact]
    public void A_size_cap_holds_where_the_estimate_meets_it_only_up_to_floating_point_rounding()
    {
        // CsCheck seed 4EP2vjIYJ6s1: 21,448,644 bytes of AAC divided back into samples came out one sample too many.
        var source = new AudioInfo(AudioContainer.Mp3, "mp3", 44100, 2, null, 128000, 96512256, new Dictionary<string, string>());
        var request = new SplitRequest(SplitMode.Duration, OutputFormat.Aac, SegmentSeconds: 1119, MaxFileSize: 21448644) { OverlapSeconds = 15.943661971830986 };
        var model = PartSizeModel.For(source, OutputFormat.Aac, PartEncoding.Source);

        var parts = SplitPlanner.Plan(source, request).Value.Parts;

        Assert.All(parts, part => Assert.True(model.Overhead + part.Length * model.BytesPerSample <= 21448644));
    }

    private static readonly Gen<AudioInfo> Sources =
        Gen.Select(Gen.Bool, Gen.Double[20, 4 * 3600], Gen.Int[0, 2].Select(i => new[] { 16000, 44100, 48000 }[i]))
            .Select((mp3, seconds, rate) => mp3 ? Mp3(seconds, rate) : Wav(seconds, rate));

    /// <summary>Random silences: 0–400 spans of 0.05–8 s anywhere in the source, sorted and disjoint.</summary>
    private static SilenceMap RandomMap(AudioInfo source, int seed)
    {
        var random = new Random(seed);
        var spans = new List<SilenceSpan>();
        long at = 0;
        var count = random.Next(0, 400);
        var mean = source.TotalSamples / Math.Max(1, count);
        for (var i = 0; i < count; i++)
        {
            at += (long)(random.NextDouble() * 2 * mean);
            var length = (long)((0.05 + random.NextDouble() * 8) * source.SampleRate);
            if (at + length >= source.TotalSamples)
            {
                break;
            }

            spans.Add(new SilenceSpan(at, at + length));
            at += length + 1;
        }

        return new SilenceMap(source.SampleRate, source.TotalSamples, -20, -45, spans);
    }

    private static readonly Gen<SplitRequest> Requests =
        Gen.Select(Gen.Int[0, 2], Gen.Double[2, 1800], Gen.Int[2, 60], Gen.Enum<OutputFormat>())
            .Select(Gen.Select(Gen.Bool, Gen.Double[1, 2400].Nullable(), Gen.Long[200_000, 200_000_000].Nullable(), Gen.Double[0, 30], Gen.Double[0.5, 60].Nullable()),
                (a, b) =>
                {
                    var (mode, seconds, parts, format) = a;
                    var (silence, maxSeconds, maxSize, overlap, window) = b;
                    var request = mode switch
                    {
                        0 => new SplitRequest(SplitMode.Duration, format, SegmentSeconds: seconds, MaxFileSize: maxSize),
                        1 => new SplitRequest(SplitMode.FileSize, format, MaxFileSize: maxSize ?? 20_000_000),
                        _ => new SplitRequest(SplitMode.Parts, format, MaxFileSize: maxSize, Parts: parts),
                    };
                    return request with
                    {
                        CutAt = silence ? CutAt.Silence : CutAt.Exact,
                        MaxSegmentSeconds = maxSeconds,
                        OverlapSeconds = overlap,
                        Silence = new SilenceSettings(SearchWindowSeconds: window),
                    };
                });

    [Fact]
    public void For_random_silence_maps_and_caps_the_caps_hold_cuts_never_move_forward_and_overlaps_are_exact() =>
        Gen.Select(Sources, Requests, Gen.Int).Sample((source, request, seed) =>
        {
            var map = RandomMap(source, seed);
            var result = SplitPlanner.Plan(source, request, map);
            if (!result.IsSuccess)
            {
                Assert.Contains(result.Error.Code, AudioErrorCodes.All);
                return;
            }

            var plan = result.Value;
            var parts = plan.Parts;
            var granularity = SplitRoutes.Granularity(source, request.Format, request.Encoding);
            var model = PartSizeModel.For(source, request.Format, request.Encoding);
            var grid = request.Mode == SplitMode.Parts ? SplitPlanner.Plan(source, new SplitRequest(SplitMode.Parts, request.Format, Parts: request.Parts)).Value.Parts : null;
            Assert.Equal(0, parts[0].StartSample);
            Assert.Equal(source.TotalSamples, parts[^1].EndSample);
            Assert.Equal(0, plan.OverlapSamples % granularity);
            Assert.InRange(plan.OverlapSamples, request.OverlapSeconds * source.SampleRate - granularity, request.OverlapSeconds * source.SampleRate + granularity);
            long previousCut = 0;
            for (var i = 0; i < parts.Count; i++)
            {
                var part = parts[i];
                Assert.Equal(i, part.Index);
                Assert.True(part.Length > 0);
                Assert.Equal(i == 0 ? 0 : previousCut - plan.OverlapSamples, part.StartSample);
                if (request.MaxSegmentSeconds is { } maxSeconds)
                {
                    Assert.True(part.Length <= maxSeconds * source.SampleRate, $"part {i}: {part.Length} samples over {maxSeconds} s");
                }

                if (request.MaxFileSize is { } maxSize)
                {
                    Assert.True(model.Overhead + part.Length * model.BytesPerSample <= maxSize, $"part {i} is estimated over {maxSize} bytes");
                }

                if (i < parts.Count - 1)
                {
                    Assert.Equal(0, part.EndSample % granularity);
                    var nominal = request.Mode switch
                    {
                        SplitMode.Duration => previousCut + (long)Math.Round(request.SegmentSeconds!.Value * source.SampleRate),
                        SplitMode.Parts => i < grid!.Count ? grid[i].EndSample : source.TotalSamples,
                        _ => long.MaxValue,
                    };
                    // An exact or hard cut lands on the output's nearest frame boundary, which may be a part of a frame later.
                    var rounding = part.CutReason == CutReason.Silence ? 0 : granularity;
                    Assert.True(part.EndSample - rounding <= nominal, $"cut {i} moved forward: {part.EndSample} > {nominal}");
                    if (part.CutReason == CutReason.Silence)
                    {
                        Assert.True(map.IsSilent(part.EndSample), $"cut {i} at {part.EndSample} is not in a silence");
                    }
                    else if (request.CutAt == CutAt.Silence)
                    {
                        Assert.Equal(CutReason.Hard, part.CutReason);
                    }
                }

                previousCut = part.EndSample;
            }
        }, iter: 1500);
}

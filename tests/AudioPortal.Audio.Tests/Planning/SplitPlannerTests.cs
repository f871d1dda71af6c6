using AudioPortal.Audio.Planning;
using AudioPortal.Audio.Probing;
using AudioPortal.Audio.Writing;
using CsCheck;

namespace AudioPortal.Audio.Tests.Planning;

public class SplitPlannerTests
{
    private static readonly Dictionary<string, string> NoTags = [];

    private static AudioInfo Wav(double seconds, int rate = 44100, int channels = 2, int bits = 16) =>
        new(AudioContainer.Wav, "pcm_s16le", rate, channels, bits, rate * channels * bits, (long)Math.Round(seconds * rate), NoTags);

    private static AudioInfo Mp3(long frames, int rate = 44100, int bitRate = 128_000) =>
        new(AudioContainer.Mp3, "mp3", rate, 2, null, bitRate, frames * SplitRoutes.Mp3SamplesPerFrame(rate), NoTags);

    private static SplitPlan Ok(AudioInfo source, SplitRequest request)
    {
        var plan = SplitPlanner.Plan(source, request);
        Assert.True(plan.IsSuccess, plan.Error?.ToString());
        return plan.Value;
    }

    private static string Code(AudioInfo source, SplitRequest request) => SplitPlanner.Plan(source, request).Error!.Code;

    [Fact]
    public void A_duration_split_makes_full_parts_and_a_remainder()
    {
        var plan = Ok(Wav(1380.5), new SplitRequest(SplitMode.Duration, OutputFormat.Wav, SegmentSeconds: 600));

        Assert.Equal([600.0, 600.0, 180.5], plan.Parts.Select(plan.DurationSeconds));
        Assert.Equal([0.0, 600.0, 1200.0], plan.Parts.Select(plan.StartSeconds));
    }

    [Fact]
    public void A_remainder_under_a_second_joins_the_last_full_part()
    {
        // A 10-minute MP3 is ~600.03 s with the encoder's padding frames: ten parts, not ten and a 30 ms one.
        var plan = Ok(Mp3(frames: 22_970), new SplitRequest(SplitMode.Duration, OutputFormat.Mp3, SegmentSeconds: 60));

        Assert.Equal(10, plan.Parts.Count);
        Assert.InRange(plan.DurationSeconds(plan.Parts[^1]), 60, 61);
    }

    [Fact]
    public void A_duration_equal_to_the_source_length_makes_one_part()
    {
        var plan = Ok(Wav(60), new SplitRequest(SplitMode.Duration, OutputFormat.Wav, SegmentSeconds: 60));

        Assert.Single(plan.Parts);
    }

    [Theory]
    [InlineData(0.999, AudioErrorCodes.DurationTooShort)]
    [InlineData(0, AudioErrorCodes.DurationTooShort)]
    [InlineData(-5, AudioErrorCodes.DurationTooShort)]
    [InlineData(60.01, AudioErrorCodes.DurationTooLong)]
    [InlineData(double.NaN, AudioErrorCodes.InvalidParams)]
    public void Durations_outside_one_second_to_the_source_length_are_refused(double seconds, string code) =>
        Assert.Equal(code, Code(Wav(60), new SplitRequest(SplitMode.Duration, OutputFormat.Wav, SegmentSeconds: seconds)));

    [Fact]
    public void A_duration_split_without_a_duration_is_invalid() =>
        Assert.Equal(AudioErrorCodes.InvalidParams, Code(Wav(60), new SplitRequest(SplitMode.Duration, OutputFormat.Wav)));

    [Fact]
    public void Mp3_frame_copy_cuts_on_whole_frames_without_drift()
    {
        // 10 minutes of 1152-sample frames every 7 s: each boundary is the frame nearest to k × 7 s.
        var source = Mp3(frames: 23_000);
        var plan = Ok(source, new SplitRequest(SplitMode.Duration, OutputFormat.Mp3, SegmentSeconds: 7));

        Assert.All(plan.Parts, p => Assert.Equal(0, p.StartSample % 1152));
        for (var k = 1; k < plan.Parts.Count; k++)
        {
            Assert.InRange(plan.Parts[k].StartSample - k * 7 * 44100.0, -576, 576);
        }
    }

    [Fact]
    public void Mp3_to_another_format_cuts_on_samples() =>
        Assert.Equal(7 * 44100, Ok(Mp3(23_000), new SplitRequest(SplitMode.Duration, OutputFormat.Wav, SegmentSeconds: 7)).Parts[0].EndSample);

    [Fact]
    public void Parts_are_equal_to_within_one_frame()
    {
        var plan = Ok(Mp3(frames: 1001), new SplitRequest(SplitMode.Parts, OutputFormat.Mp3, Parts: 4));

        Assert.Equal(4, plan.Parts.Count);
        Assert.InRange(plan.Parts.Max(p => p.Length) - plan.Parts.Min(p => p.Length), 0, 1152);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1001)]
    [InlineData(null)]
    public void A_part_count_outside_2_to_1000_is_invalid(int? parts) =>
        Assert.Equal(AudioErrorCodes.InvalidParams, Code(Wav(3600), new SplitRequest(SplitMode.Parts, OutputFormat.Wav, Parts: parts)));

    [Fact]
    public void Parts_shorter_than_a_second_are_too_short() =>
        Assert.Equal(AudioErrorCodes.DurationTooShort, Code(Wav(10), new SplitRequest(SplitMode.Parts, OutputFormat.Wav, Parts: 11)));

    [Fact]
    public void A_wav_file_size_split_fills_parts_to_the_exact_limit()
    {
        // 60 s of CD audio is 10,584,000 bytes of PCM; 1 MB parts hold at most 262,1xx frames each.
        var source = Wav(60);
        const long max = 1_000_000;
        var plan = Ok(source, new SplitRequest(SplitMode.FileSize, OutputFormat.Wav, MaxFileSize: max));

        var header = WavPartHeader.Build(source, null, PartNaming.Tags(NoTags, "source", 1, plan.Parts.Count), 0).Length;
        Assert.Equal((long)Math.Ceiling(60 * 44100 * 4.0 / (max - header)), plan.Parts.Count);
        Assert.All(plan.Parts, p => Assert.True(header + p.Length * 4 <= max));
        Assert.True(plan.SizesExact);
        Assert.Equal(max, plan.MaxFileSize);
    }

    [Fact]
    public void A_file_that_already_fits_is_one_part() =>
        Assert.Single(Ok(Wav(1), new SplitRequest(SplitMode.FileSize, OutputFormat.Wav, MaxFileSize: 1_000_000)).Parts);

    [Theory]
    [InlineData(65_535L)]
    [InlineData(null)]
    public void A_file_size_limit_under_64_KiB_is_invalid(long? max) =>
        Assert.Equal(AudioErrorCodes.InvalidParams, Code(Wav(60), new SplitRequest(SplitMode.FileSize, OutputFormat.Wav, MaxFileSize: max)));

    [Fact]
    public void A_file_size_limit_smaller_than_the_headers_is_invalid()
    {
        var tags = new Dictionary<string, string> { ["comment"] = new string('x', 70_000) };
        var source = Wav(60) with { Tags = tags };

        Assert.Equal(AudioErrorCodes.InvalidParams, Code(source, new SplitRequest(SplitMode.FileSize, OutputFormat.Mp3, MaxFileSize: 65_536)));
    }

    [Fact]
    public void A_plan_of_more_than_ten_thousand_parts_is_invalid() =>
        Assert.Equal(AudioErrorCodes.InvalidParams, Code(Wav(3 * 3600), new SplitRequest(SplitMode.Duration, OutputFormat.Wav, SegmentSeconds: 1)));

    [Fact]
    public void Transcode_sizes_are_estimates_with_the_limit_kept_for_the_writer()
    {
        var plan = Ok(Wav(600), new SplitRequest(SplitMode.FileSize, OutputFormat.Mp3, MaxFileSize: 5_000_000));

        Assert.False(plan.SizesExact);
        // ~190 kb/s with a margin: 600 s is ~14 MB, so 3 or 4 parts.
        Assert.InRange(plan.Parts.Count, 3, 4);
    }

    [Theory]
    [InlineData(OutputFormat.Mp3)]
    [InlineData(OutputFormat.Ogg)]
    [InlineData(OutputFormat.Aac)]
    public void A_16_kHz_mono_source_is_planned_in_longer_transcode_parts_than_a_44_kHz_stereo_one(OutputFormat format)
    {
        var request = new SplitRequest(SplitMode.FileSize, format, MaxFileSize: 5_000_000);

        var fullBand = Ok(Wav(3600), request);
        var speech = Ok(Wav(3600, rate: 16_000, channels: 1), request);

        // Encoders write far fewer bits for it (LAME V2: ~40–70 kb/s instead of ~190), so parts can be longer.
        Assert.True(speech.DurationSeconds(speech.Parts[0]) >= 1.5 * fullBand.DurationSeconds(fullBand.Parts[0]),
            $"{speech.DurationSeconds(speech.Parts[0])} s against {fullBand.DurationSeconds(fullBand.Parts[0])} s");
    }

    private static readonly Gen<AudioInfo> Sources =
        Gen.Select(Gen.Int[0, 2], Gen.Long[44_100, 44_100L * 7200], Gen.Int[0, 3].Select(i => new[] { 8000, 22050, 44100, 48000 }[i]))
            .Select((kind, samples, rate) => kind == 0
                ? Wav(samples / 44100.0 * (rate / 44100.0) * 44100 / rate, rate)
                : Mp3(Math.Max(1, samples / 1152), rate, kind == 1 ? 128_000 : 191_234));

    private static readonly Gen<SplitRequest> Requests =
        Gen.Select(Gen.Int[0, 2], Gen.Double[1, 4000], Gen.Long[65_536, 2_000_000_000], Gen.Int[2, 1000], Gen.Enum<OutputFormat>())
            .Select((mode, seconds, size, parts, format) => mode switch
            {
                0 => new SplitRequest(SplitMode.Duration, format, SegmentSeconds: seconds),
                1 => new SplitRequest(SplitMode.FileSize, format, MaxFileSize: size),
                _ => new SplitRequest(SplitMode.Parts, format, Parts: parts),
            });

    [Fact]
    public void Every_plan_covers_the_source_exactly_in_order_without_gaps_or_overlaps() =>
        Gen.Select(Sources, Requests).Sample((source, request) =>
        {
            var result = SplitPlanner.Plan(source, request);
            if (!result.IsSuccess)
            {
                Assert.Contains(result.Error.Code, AudioErrorCodes.All);
                return;
            }

            var parts = result.Value.Parts;
            Assert.Equal(0, parts[0].StartSample);
            Assert.Equal(source.TotalSamples, parts[^1].EndSample);
            for (var i = 0; i < parts.Count; i++)
            {
                Assert.Equal(i, parts[i].Index);
                Assert.True(parts[i].Length > 0, $"part {i} is empty");
                if (i > 0)
                {
                    Assert.Equal(parts[i - 1].EndSample, parts[i].StartSample);
                }
            }

            var granularity = SplitRoutes.Granularity(source, request.Format, request.Encoding);
            Assert.All(parts.SkipLast(1), p => Assert.Equal(0, p.EndSample % granularity));
        }, iter: 3000);

    [Fact]
    public void Duration_plans_have_full_parts_and_a_shorter_or_equal_remainder() =>
        Gen.Select(Sources, Gen.Double[1, 900], Gen.Enum<OutputFormat>()).Sample((source, seconds, format) =>
        {
            var granularity = SplitRoutes.Granularity(source, format, PartEncoding.Source);
            var result = SplitPlanner.Plan(source, new SplitRequest(SplitMode.Duration, format, SegmentSeconds: seconds));
            if (seconds > source.DurationSeconds)
            {
                Assert.Equal(AudioErrorCodes.DurationTooLong, result.Error?.Code);
                return;
            }

            var step = seconds * source.SampleRate;
            var full = (long)Math.Ceiling(source.TotalSamples / step - 1e-9);
            if (full > 10_000)
            {
                Assert.Equal(AudioErrorCodes.InvalidParams, result.Error?.Code);
                return;
            }

            // A sub-second remainder joins the part before. Cuts sit on the granule nearest each multiple of the
            // step, so a remainder within a granule of one second may go either way.
            var remainder = source.TotalSamples - (full - 1) * step;
            var fewest = full > 1 && remainder < source.SampleRate + granularity ? full - 1 : full;
            var most = full > 1 && remainder < source.SampleRate - granularity ? full - 1 : full;
            var parts = result.Value.Parts;
            Assert.InRange(parts.Count, fewest, most);
            Assert.All(parts.SkipLast(1), p => Assert.InRange(p.Length, step - granularity, step + granularity));
            Assert.InRange(parts[^1].Length, Math.Min(source.TotalSamples, source.SampleRate - granularity), step + source.SampleRate + granularity);
        }, iter: 2000);

    [Fact]
    public void Exact_file_size_plans_keep_every_part_under_the_limit_with_the_fewest_parts() =>
        Gen.Select(Gen.Long[44_100, 44_100L * 3600], Gen.Long[65_536, 500_000_000], Gen.Int[0, 2].Select(i => new[] { 1, 2, 6 }[i])).Sample((samples, max, channels) =>
        {
            var source = Wav(samples / 44100.0, channels: channels);
            var result = SplitPlanner.Plan(source, new SplitRequest(SplitMode.FileSize, OutputFormat.Wav, MaxFileSize: max));
            if (!result.IsSuccess)
            {
                Assert.Equal(AudioErrorCodes.InvalidParams, result.Error.Code);
                return;
            }

            var parts = result.Value.Parts;
            var blockAlign = channels * 2;
            long Size(PartRange p, int n) =>
                WavPartHeader.Build(source, null, PartNaming.Tags(NoTags, "source", n, parts.Count), p.Length * blockAlign).Length + p.Length * blockAlign;
            Assert.All(parts, p => Assert.True(Size(p, p.Index + 1) <= max, $"part {p.Index} is {Size(p, p.Index + 1)} > {max}"));

            // One part fewer could not hold the audio: the planner's header bound (RF64 and extensible room, longest
            // part numbers) is at most 128 bytes over the smallest real header.
            var header = WavPartHeader.Build(source, null, PartNaming.Tags(NoTags, "source", 1, 1), 0).Length + 128;
            Assert.True((parts.Count - 1) * ((max - header) / blockAlign) < source.TotalSamples);
        }, iter: 500);
}

using AudioPortal.Audio.Planning;
using AudioPortal.Audio.Probing;

namespace AudioPortal.Audio.Writing;

/// <summary>
/// For a <c>fileSize</c> split into a VBR format (mp3, ogg, aac): before the parts are encoded, encodes three short
/// excerpts of this very audio with the split's own encoder and plans again from the bitrate they came out at.
/// The planner's nominal rates must cover loud, dense music, so for speech they were two to four times too high and
/// parts came out at a fraction of the limit; measured, most parts come out full at once. The writer then measures
/// every part and plans again from the first that missed (<see cref="PartFill"/>), so a louder or quieter stretch
/// between the excerpts costs time, never the limit or the fill.
/// </summary>
internal static class SizeCalibration
{
    private const int Excerpts = 3;
    private const double ExcerptSeconds = 15;

    // Parts are aimed at PartFill.Target of the limit at the loudest excerpt's rate; the correction pass after the first
    // encode (PartFill) moves the cuts where the rate elsewhere differs.
    private const double Margin = 1 / PartFill.Target;

    /// <summary>Worth it when the split makes several parts of a source long enough to sample in three places.</summary>
    public static bool Applies(AudioInfo source, SplitPlan plan) =>
        plan is { SizesEstimated: true, FixedCuts: false, Parts.Count: >= 2, Format: OutputFormat.Mp3 or OutputFormat.Ogg or OutputFormat.Aac }
        && source.DurationSeconds >= 4 * ExcerptSeconds;

    /// <summary>The plan again from the measured rate (never from a higher rate than the planner's estimate).</summary>
    public static async Task<AudioResult<SplitPlan>> RefineAsync(
        AudioEngineOptions options, string sourcePath, AudioInfo source, SplitPlan plan, SplitOptions split, CancellationToken ct)
    {
        var length = (long)(ExcerptSeconds * source.SampleRate);
        var excerpts = Enumerable.Range(0, Excerpts).Select(i =>
        {
            var start = Math.Clamp(source.TotalSamples * (2 * i + 1) / (2 * Excerpts) - length / 2, 0, source.TotalSamples - length);
            return new RunOutput(start, start + length, new Dictionary<string, string>(), EncodingSplitter.ScratchPath(split, $"calibration-{i}", plan.Format));
        }).ToList();
        try
        {
            var error = await ParallelWork.RunAsync(excerpts, split.Parallelism, (excerpt, token) =>
                FfmpegPartEncoder.RunAsync(options, FfmpegArguments.EncodeGroup(sourcePath, source, plan.Format, plan.Encoding, [excerpt]), source.SampleRate, _ => { }, token), ct);
            if (error is not null)
            {
                return error;
            }

            // Header bytes are counted in with the audio's: a little above the true rate, on the safe side.
            var measured = excerpts.Max(e => new FileInfo(e.Path).Length / (double)(e.End - e.Start)) * Margin;
            var model = PartSizeModel.For(source, plan.Format, plan.Encoding);
            var request = new SplitRequest(SplitMode.FileSize, plan.Format, MaxFileSize: plan.MaxFileSize) { Encoding = plan.Encoding };
            return SplitPlanner.Plan(source, request, model with { BytesPerSample = Math.Min(model.BytesPerSample, measured) });
        }
        finally
        {
            foreach (var excerpt in excerpts)
            {
                EncodingSplitter.TryDelete(excerpt.Path);
            }
        }
    }
}

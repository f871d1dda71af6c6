using System.Globalization;
using AudioPortal.Audio.Probing;
using AudioPortal.Audio.Silence;

namespace AudioPortal.Audio.Planning;

/// <summary>
/// Turns a request that uses silences, caps or overlap into <see cref="CutRules"/>: the mode's values are checked by
/// the plain planner's own rules, <c>maxSegmentDuration</c> and <c>maxFileSize</c> become one cap in samples (the
/// smaller wins, overlap included), and the overlap is rounded to the output's granularity (whole MP3 frames for frame copy).
/// </summary>
internal static class SmartCutPlan
{
    public const double MaxOverlapSeconds = 30;

    public static AudioResult<SplitPlan> Plan(AudioInfo source, SplitRequest request, SilenceMap? silences, PartSizeModel? sizeModel)
    {
        if (request.CutAt == CutAt.Silence && silences is null)
        {
            return Invalid("cutAt=silence needs the source's silence map (AudioEngine.PlanAsync analyses it).");
        }

        if (request.Silence.Validate() is { } badSilence)
        {
            return badSilence;
        }

        if (!double.IsFinite(request.OverlapSeconds) || request.OverlapSeconds is < 0 or > MaxOverlapSeconds)
        {
            return Invalid("overlap must be between 0 and 30 seconds.");
        }

        var granularity = SplitRoutes.Granularity(source, request.Format, request.Encoding);
        long? cap = null;
        if (request.MaxSegmentSeconds is { } maxSeconds)
        {
            if (!double.IsFinite(maxSeconds) || maxSeconds < 1)
            {
                return new AudioError(AudioErrorCodes.DurationTooShort, "maxSegmentDuration must be at least 1 second.");
            }

            cap = CutPlanner.AlignDown((long)Math.Floor(maxSeconds * source.SampleRate), granularity);
        }

        if (request.MaxFileSize is not null)
        {
            var sized = SplitPlanner.BySize(source, request, granularity, out var maxSamples, sizeModel);
            if (!sized.IsSuccess)
            {
                return sized.Error;
            }

            cap = Math.Min(cap ?? long.MaxValue, maxSamples);
        }

        var rules = new CutRules(source.TotalSamples, source.SampleRate, granularity, NominalKind.Fill,
            MaxPartSamples: cap,
            OverlapSamples: (long)Math.Round(request.OverlapSeconds * source.SampleRate / granularity, MidpointRounding.AwayFromZero) * granularity,
            SearchWindowSeconds: request.Silence.SearchWindowSeconds);
        switch (request.Mode)
        {
            case SplitMode.Duration:
                var every = SplitPlanner.ByDuration(source, request.SegmentSeconds, granularity);
                if (!every.IsSuccess)
                {
                    return every.Error;
                }

                rules = rules with { Kind = NominalKind.Every, Step = (long)Math.Round(request.SegmentSeconds!.Value * source.SampleRate) };
                break;
            case SplitMode.Parts:
                var grid = SplitPlanner.ByParts(source, request.Parts, granularity);
                if (!grid.IsSuccess)
                {
                    return grid.Error;
                }

                rules = rules with { Kind = NominalKind.Grid, Grid = grid.Value };
                break;
        }

        var parts = CutPlanner.Plan(rules, request.CutAt == CutAt.Silence ? silences : null);
        if (!parts.IsSuccess)
        {
            return parts.Error;
        }

        return new SplitPlan(source.SampleRate, request.Format, parts.Value)
        {
            Encoding = request.Encoding,
            MaxFileSize = request.MaxFileSize,
            SizesExact = request.MaxFileSize is not null && PartSizeModel.For(source, request.Format, request.Encoding).Exact,
            OverlapSamples = rules.OverlapSamples,
            FadeMs = request.FadeMs,
            FixedCuts = true,
        };
    }

    private static AudioError Invalid(string message) => new(AudioErrorCodes.InvalidParams, message);
}

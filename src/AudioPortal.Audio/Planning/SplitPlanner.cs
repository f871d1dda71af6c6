using System.Globalization;
using AudioPortal.Audio.Probing;
using AudioPortal.Audio.Silence;

namespace AudioPortal.Audio.Planning;

/// <summary>
/// Compiles a split request into ordered, gap-free sample ranges before anything is written. Pure: no I/O.
/// Boundaries come from cumulative positions (k × step, rounded once) so parts never drift, and are aligned to
/// the output's granularity (whole MP3 frames for frame copy).
/// </summary>
public static class SplitPlanner
{
    public const int MinParts = 2;
    public const int MaxParts = 1000;
    public const long MinFileSize = 65_536;

    public static AudioResult<SplitPlan> Plan(AudioInfo source, SplitRequest request) => Plan(source, request, sizeModel: null);

    /// <summary>Plans with the source's silences, which <see cref="CutAt.Silence"/> needs (<see cref="AudioEngine.AnalyzeSilenceAsync"/>).</summary>
    public static AudioResult<SplitPlan> Plan(AudioInfo source, SplitRequest request, SilenceMap? silences) =>
        Plan(source, request, null, silences);

    /// <param name="sizeModel">For <c>fileSize</c>: the bytes a part takes, when known better than the format's
    /// nominal rate (<see cref="Writing.SizeCalibration"/> measures it); null for <see cref="PartSizeModel.For"/>.</param>
    internal static AudioResult<SplitPlan> Plan(AudioInfo source, SplitRequest request, PartSizeModel? sizeModel, SilenceMap? silences = null)
    {
        if (source.SampleRate <= 0 || source.TotalSamples <= 0)
        {
            return Invalid("The source has no audio to split.");
        }

        if (FadeError(source, request) is { } fadeError)
        {
            return fadeError;
        }

        if (request.Encoding.Problem(request.Format) is { } encodingProblem)
        {
            return Invalid(encodingProblem);
        }

        if (request.Mode == SplitMode.Chapters)
        {
            return ChapterPlan.Plan(source, request);
        }

        if (request.CueSheet is not null)
        {
            return Invalid("cueSheet applies only to splitMode=chapters.");
        }

        if (request.UsesSmartCuts)
        {
            return SmartCutPlan.Plan(source, request, silences, sizeModel);
        }

        var granularity = SplitRoutes.Granularity(source, request.Format, request.Encoding);
        var boundaries = request.Mode switch
        {
            SplitMode.Duration => ByDuration(source, request.SegmentSeconds, granularity),
            SplitMode.Parts => ByParts(source, request.Parts, granularity),
            SplitMode.FileSize => BySize(source, request, granularity, out _, sizeModel),
            _ => Invalid("Unknown split mode."),
        };
        if (!boundaries.IsSuccess)
        {
            return boundaries.Error;
        }

        var ends = boundaries.Value;
        if (ends.Count > PartSizeModel.MaxParts)
        {
            return Invalid(Inv($"The split would make {ends.Count} parts; at most {PartSizeModel.MaxParts} are allowed."));
        }

        var parts = new List<PartRange>(ends.Count);
        long start = 0;
        foreach (var end in ends)
        {
            parts.Add(new PartRange(parts.Count, start, end));
            start = end;
        }

        return new SplitPlan(source.SampleRate, request.Format, parts)
        {
            Encoding = request.Encoding,
            MaxFileSize = request.Mode == SplitMode.FileSize ? request.MaxFileSize : null,
            SizesExact = request.Mode == SplitMode.FileSize && PartSizeModel.For(source, request.Format, request.Encoding).Exact,
            FadeMs = request.FadeMs,
        };
    }

    /// <summary>Fades change the audio, so only parts that are encoded by ffmpeg anyway may have them.</summary>
    private static AudioError? FadeError(AudioInfo source, SplitRequest request)
    {
        if (request.FadeMs is < 0 or > 500)
        {
            return Invalid("fadeMs must be between 0 and 500.");
        }

        var route = SplitRoutes.For(source, request.Format, request.Encoding);
        return request.FadeMs > 0 && route != SplitRoute.Ffmpeg
            ? Invalid(Inv($"fadeMs applies only to transcoded parts; {source.Container} to {request.Format} is written losslessly ({route}), so it cannot fade."))
            : null;
    }

    /// <summary>Every N seconds; the last part is the remainder, unless that is under a second (then the one before absorbs it).</summary>
    internal static AudioResult<List<long>> ByDuration(AudioInfo source, double? seconds, int granularity)
    {
        if (seconds is not { } n || double.IsNaN(n) || double.IsInfinity(n))
        {
            return Invalid("segmentDuration is required for a duration split.");
        }

        if (n < 1)
        {
            return new AudioError(AudioErrorCodes.DurationTooShort, "segmentDuration must be at least 1 second.");
        }

        if (n > source.DurationSeconds)
        {
            return new AudioError(AudioErrorCodes.DurationTooLong,
                Inv($"segmentDuration ({n:0.###} s) is longer than the source ({source.DurationSeconds:0.###} s)."));
        }

        var step = n * source.SampleRate;
        var count = (long)Math.Ceiling(source.TotalSamples / step - 1e-9);
        if (count > PartSizeModel.MaxParts)
        {
            return Invalid(Inv($"The split would make {count} parts; at most {PartSizeModel.MaxParts} are allowed."));
        }

        var ends = new List<long>();
        for (var k = 1L; ; k++)
        {
            var end = Align(k * step, granularity);
            if (end >= source.TotalSamples)
            {
                // A remainder under a second (an encoder's padding frames, say) is not worth a file: it joins the last part.
                if (ends.Count > 0 && source.TotalSamples - ends[^1] < source.SampleRate)
                {
                    ends.RemoveAt(ends.Count - 1);
                }

                ends.Add(source.TotalSamples);
                return ends;
            }

            if (ends.Count == 0 || end > ends[^1])
            {
                ends.Add(end);
            }
        }
    }

    internal static AudioResult<List<long>> ByParts(AudioInfo source, int? parts, int granularity)
    {
        if (parts is not { } n || n < MinParts || n > MaxParts)
        {
            return Invalid(Inv($"parts must be between {MinParts} and {MaxParts}."));
        }

        if (source.TotalSamples / (double)n < source.SampleRate)
        {
            return new AudioError(AudioErrorCodes.DurationTooShort,
                Inv($"{n} parts of a {source.DurationSeconds:0.###} s source would each be shorter than 1 second."));
        }

        return Even(source.TotalSamples, n, granularity);
    }

    internal static AudioResult<List<long>> BySize(AudioInfo source, SplitRequest request, int granularity, out long maxSamples, PartSizeModel? model = null)
    {
        maxSamples = 0;
        if (request.MaxFileSize is not { } max || max < MinFileSize)
        {
            return Invalid(Inv($"maxFileSize must be at least {MinFileSize} bytes."));
        }

        model ??= PartSizeModel.For(source, request.Format, request.Encoding);
        maxSamples = model.MaxSamples(max, granularity);
        if (maxSamples < granularity)
        {
            return Invalid(Inv($"maxFileSize ({max} bytes) is too small for even one block of this audio with its headers."));
        }

        var units = Units(source.TotalSamples, granularity);
        var maxUnits = maxSamples / granularity;
        var count = (units + maxUnits - 1) / maxUnits;
        if (count > PartSizeModel.MaxParts)
        {
            return Invalid(Inv($"maxFileSize ({max} bytes) would make {count} parts; at most {PartSizeModel.MaxParts} are allowed."));
        }

        // Full parts and the remainder last: equal parts would leave each a fraction of the limit (2.1 limits' worth in
        // three parts of 70 %); the writers' correction pass (Writing.PartFill) keeps estimated sizes under the limit.
        var ends = new List<long>((int)count);
        for (var k = 1L; k < count; k++)
        {
            ends.Add(k * maxUnits * granularity);
        }

        ends.Add(source.TotalSamples);
        return ends;
    }

    /// <summary>N parts as equal as the granularity allows (lengths differ by at most one granule); the last ends at the total.</summary>
    private static AudioResult<List<long>> Even(long total, int n, int granularity)
    {
        var units = Units(total, granularity);
        if (units < n)
        {
            return Invalid(Inv($"The source is too short for {n} parts."));
        }

        var ends = new List<long>(n);
        for (var k = 1; k < n; k++)
        {
            // k × units / n without overflow for long sources, rounded to the nearest unit.
            var unit = (long)Math.Round((double)k * units / n, MidpointRounding.AwayFromZero);
            ends.Add(unit * granularity);
        }

        ends.Add(total);
        return ends;
    }

    private static long Units(long total, int granularity) => (total + granularity - 1) / granularity;

    private static long Align(double sample, int granularity) =>
        (long)Math.Round(sample / granularity, MidpointRounding.AwayFromZero) * granularity;

    private static AudioError Invalid(string message) => new(AudioErrorCodes.InvalidParams, message);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

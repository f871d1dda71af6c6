using System.Globalization;
using AudioPortal.Audio.Chapters;
using AudioPortal.Audio.Probing;

namespace AudioPortal.Audio.Planning;

/// <summary>
/// Plans <see cref="SplitMode.Chapters"/>: one part per CUE track (when the request sends a sheet) or per chapter
/// embedded in the source. A part ends where the next chapter starts, rounded to the route's granularity (the exact
/// sample for lossless PCM, the nearest frame boundary for MP3 frame copy); audio before the first chapter joins the first part.
/// </summary>
internal static class ChapterPlan
{
    public const string NoChapters = "The source has no chapters; send a cueSheet or choose another split mode.";

    public static AudioResult<SplitPlan> Plan(AudioInfo source, SplitRequest request)
    {
        if (request.UsesSmartCuts)
        {
            return Invalid("A chapter split cuts at the chapters only: cutAt=silence, overlap, maxSegmentDuration and maxFileSize do not apply to it.");
        }

        IReadOnlyList<Chapter> chapters;
        if (request.CueSheet is { } cue)
        {
            var parsed = CueSheetParser.Parse(cue);
            if (!parsed.IsSuccess)
            {
                return parsed.Error;
            }

            chapters = parsed.Value;
        }
        else
        {
            chapters = source.Chapters;
        }

        if (chapters.Count == 0)
        {
            return Invalid(NoChapters);
        }

        if (chapters.Count > PartSizeModel.MaxParts)
        {
            return Invalid(Inv($"The source has {chapters.Count} chapters; at most {PartSizeModel.MaxParts} parts are allowed."));
        }

        var granularity = SplitRoutes.Granularity(source, request.Format, request.Encoding);
        var parts = new List<PartRange>(chapters.Count);
        long start = 0;
        for (var i = 0; i < chapters.Count; i++)
        {
            var last = i == chapters.Count - 1;
            var end = last ? source.TotalSamples : Align(chapters[i + 1].StartSeconds * source.SampleRate, granularity);
            if (!last && end >= source.TotalSamples)
            {
                return Invalid(Inv($"Chapter {i + 2} starts at {chapters[i + 1].StartSeconds:0.###} s, at or past the end of the source ({source.DurationSeconds:0.###} s)."));
            }

            if (end <= start)
            {
                return Invalid(Inv($"Chapter {i + 2} starts too close to chapter {i + 1} to be cut apart in this format."));
            }

            parts.Add(new PartRange(i, start, end) { CutReason = last ? CutReason.Nominal : CutReason.Chapter, Title = chapters[i].Title, Performer = chapters[i].Performer });
            start = end;
        }

        return new SplitPlan(source.SampleRate, request.Format, parts) { FadeMs = request.FadeMs, FixedCuts = true, Encoding = request.Encoding };
    }

    private static long Align(double sample, int granularity) =>
        (long)Math.Round(sample / granularity, MidpointRounding.AwayFromZero) * granularity;

    private static AudioError Invalid(string message) => new(AudioErrorCodes.InvalidParams, message);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

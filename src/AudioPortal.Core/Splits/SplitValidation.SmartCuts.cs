using AudioPortal.Audio.Planning;
using AudioPortal.Audio.Silence;
using AudioPortal.Audio.Writing;

namespace AudioPortal.Core.Splits;

/// <summary>The rules of the smart-cut fields (API.md §10); the engine's own limits, checked before a job exists.</summary>
internal sealed partial class SplitValidation
{
    public const int MaxNameTemplate = 200;
    public const int MaxCueSheet = 64 * 1024;

    /// <summary>The request fields an engine message may start with: its INVALID_PARAMS then names that field.</summary>
    private static readonly string[] EngineFields =
        [
            "fadeMs", "overlap", "maxSegmentDuration", "nameTemplate", "cueSheet", "silence.thresholdDb", "silence.floorDbfs", "silence.minSilenceMs",
            "silence.searchWindow", "sampleRate", "channels", "bitRate",
        ];

    public void SmartCuts(CreateSplitRequest request, string? mode)
    {
        if (request.CutAt is not null and not (CutAtValues.Exact or CutAtValues.Silence))
        {
            Add("cutAt", "Must be one of: exact, silence.");
        }

        if (request.Silence is { } silence && SplitLimits.ToSilenceSettings(silence).Validate() is { } problem)
        {
            Add(FieldOf(problem.Message) ?? "silence", problem.Message);
        }

        if (request.MaxSegmentDuration is { } max && (!double.IsFinite(max) || max < 1))
        {
            Add("maxSegmentDuration", "Must be at least 1 second.");
        }

        if (request.Overlap is { } overlap && (!double.IsFinite(overlap) || overlap is < 0 or > 30))
        {
            Add("overlap", "Must be between 0 and 30 seconds.");
        }

        if (request.FadeMs is < 0 or > 500)
        {
            Add("fadeMs", "Must be between 0 and 500.");
        }

        if (request.NameTemplate is { } template)
        {
            if (template.Length > MaxNameTemplate)
            {
                Add("nameTemplate", $"Must be at most {MaxNameTemplate} characters.");
            }
            else if (PartNameTemplate.Problem(template) is { } nameProblem)
            {
                Add("nameTemplate", nameProblem);
            }
        }

        // Without a format yet (a URL source keeps its own) only the ranges are checked now; Ogg has no rules beyond
        // them. The rules of the format (mp3's rates, no bitrate for lossless) are checked when it is known.
        var encoding = new PartEncoding(request.SampleRate, request.Channels, request.BitRate);
        if (encoding.Problem(OutputFormats.Parse(request.OutputFormat) ?? Audio.Planning.OutputFormat.Ogg) is { } encodingProblem)
        {
            Add(FieldOf(encodingProblem) ?? "sampleRate", encodingProblem);
        }

        if (request.CueSheet is { } cue)
        {
            if (mode is not null && mode != SplitModes.Chapters)
            {
                Add("cueSheet", "Is only used with splitMode chapters.");
            }
            else if (cue.Length > MaxCueSheet)
            {
                Add("cueSheet", $"Must be at most {MaxCueSheet} characters.");
            }
        }
    }

    /// <summary>The request field an engine message is about (it starts with the field's name), or null.</summary>
    private static string? FieldOf(string message) =>
        EngineFields.FirstOrDefault(f => message.StartsWith(f + " ", StringComparison.Ordinal))
        // The CUE parser's messages name the sheet's line ("CUE line 4: …", "The CUE sheet has no TRACK lines.").
        ?? (message.Contains("CUE ", StringComparison.Ordinal) ? "cueSheet" : null);
}

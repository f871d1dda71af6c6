using AudioPortal.Audio.Planning;
using AudioPortal.Audio.Probing;
using AudioPortal.Core.Billing;

namespace AudioPortal.Core.Splits;

/// <summary>Per-account limits and format names shared by the service and the worker.</summary>
public static class SplitLimits
{
    /// <summary>The plan's max file size, capped at 10 MiB for test keys.</summary>
    public static long MaxFileSize(Plan plan, bool isTestKey, SplitsOptions options) =>
        isTestKey ? Math.Min(plan.MaxFileSize, options.TestKeyMaxFileSize) : plan.MaxFileSize;

    /// <summary>The API's name of a source container (<c>wav</c>, <c>mp3</c>, …).</summary>
    public static string FormatName(AudioContainer container) => container.ToString().ToLowerInvariant();

    /// <summary>The output format a source keeps when none is asked for (aac for m4a/adts).</summary>
    public static string DefaultOutput(AudioContainer container) => container switch
    {
        AudioContainer.Wav => "wav",
        AudioContainer.Mp3 => "mp3",
        AudioContainer.Flac => "flac",
        AudioContainer.Ogg => "ogg",
        _ => "aac",
    };

    public static SplitRequest ToEngineRequest(SplitJob job, OutputFormat format) =>
        ToEngineRequest(job.SplitMode, job.SegmentDuration, job.MaxFileSize, job.Parts, format);

    public static SplitRequest ToEngineRequest(string? mode, int? segmentDuration, long? maxFileSize, int? parts, OutputFormat format) => mode switch
    {
        SplitModes.FileSize => new SplitRequest(SplitMode.FileSize, format, MaxFileSize: maxFileSize),
        SplitModes.Parts => new SplitRequest(SplitMode.Parts, format, Parts: parts),
        _ => new SplitRequest(SplitMode.Duration, format, SegmentSeconds: segmentDuration),
    };
}

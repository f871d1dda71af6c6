using AudioPortal.Audio.Planning;
using AudioPortal.Audio.Probing;
using AudioPortal.Audio.Silence;
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

    /// <summary>The parts' base name: the source's file name made safe, or <paramref name="fallback"/> when nothing of it is left.</summary>
    public static string PartBaseName(string? sourceFileName, string fallback)
    {
        var name = Path.GetFileNameWithoutExtension(sourceFileName ?? "");
        var safe = new string(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray()).Trim('.', '_');
        return string.IsNullOrEmpty(safe) ? fallback : safe.Length > 80 ? safe[..80] : safe;
    }

    /// <summary>The engine request of a stored job: what the worker, a retry's check and the create check plan.</summary>
    public static SplitRequest ToEngineRequest(SplitJob job, OutputFormat format) =>
        ToEngineRequest(ToRequest(job), format);

    /// <summary>The engine request of a create body (preview, the portal's plan, and stored jobs through <see cref="ToRequest"/>).</summary>
    public static SplitRequest ToEngineRequest(CreateSplitRequest request, OutputFormat format)
    {
        var basic = request.SplitMode switch
        {
            SplitModes.FileSize => new SplitRequest(SplitMode.FileSize, format, MaxFileSize: request.MaxFileSize),
            // maxFileSize caps the parts of the other modes too (a preset's size limit, API.md §10), except chapters.
            SplitModes.Parts => new SplitRequest(SplitMode.Parts, format, MaxFileSize: request.MaxFileSize, Parts: request.Parts),
            SplitModes.Chapters => new SplitRequest(SplitMode.Chapters, format),
            _ => new SplitRequest(SplitMode.Duration, format, SegmentSeconds: request.SegmentDuration, MaxFileSize: request.MaxFileSize),
        };
        return basic with
        {
            CutAt = request.CutAt == CutAtValues.Silence ? CutAt.Silence : CutAt.Exact,
            Silence = request.Silence is { } silence ? ToSilenceSettings(silence) : new SilenceSettings(),
            MaxSegmentSeconds = request.MaxSegmentDuration,
            OverlapSeconds = request.Overlap ?? 0,
            FadeMs = request.FadeMs ?? 0,
            CueSheet = request.CueSheet,
            Encoding = new PartEncoding(request.SampleRate, request.Channels, request.BitRate),
        };
    }

    public static SilenceSettings ToSilenceSettings(SilenceFields silence) => new(
        silence.ThresholdDb ?? SilenceSettings.DefaultThresholdDb,
        silence.FloorDbfs,
        silence.MinSilenceMs ?? SilenceSettings.DefaultMinSilenceMs,
        silence.SearchWindow);

    /// <summary>A stored job's settings as the create body that asks for them (retries, re-planning).</summary>
    public static CreateSplitRequest ToRequest(SplitJob job) => new()
    {
        SourceUrl = job.SourceUrl,
        SplitMode = job.SplitMode,
        SegmentDuration = job.SegmentDuration,
        MaxFileSize = job.MaxFileSize,
        Parts = job.Parts,
        OutputFormat = job.OutputFormat,
        WebhookUrl = job.WebhookUrl,
        Metadata = SplitJobViews.ReadMetadata(job.MetadataJson).ToDictionary(),
        CutAt = job.CutAt,
        Silence = job.SilenceThresholdDb is null && job.SilenceFloorDbfs is null && job.SilenceMinMs is null && job.SilenceSearchWindow is null
            ? null
            : new SilenceFields { ThresholdDb = job.SilenceThresholdDb, FloorDbfs = job.SilenceFloorDbfs, MinSilenceMs = job.SilenceMinMs, SearchWindow = job.SilenceSearchWindow },
        MaxSegmentDuration = job.MaxSegmentDuration,
        Overlap = job.Overlap,
        FadeMs = job.FadeMs,
        NameTemplate = job.NameTemplate,
        CueSheet = job.CueSheet,
        SampleRate = job.PartSampleRate,
        Channels = job.PartChannels,
        BitRate = job.PartBitRate,
    };

    /// <summary>Copies a checked create body's smart-cut and encoding fields onto a new job.</summary>
    public static void ApplySmartCuts(SplitJob job, CreateSplitRequest request)
    {
        job.CutAt = request.CutAt;
        job.SilenceThresholdDb = request.Silence?.ThresholdDb;
        job.SilenceFloorDbfs = request.Silence?.FloorDbfs;
        job.SilenceMinMs = request.Silence?.MinSilenceMs;
        job.SilenceSearchWindow = request.Silence?.SearchWindow;
        job.MaxSegmentDuration = request.MaxSegmentDuration;
        job.Overlap = request.Overlap;
        job.FadeMs = request.FadeMs;
        job.NameTemplate = request.NameTemplate;
        job.CueSheet = request.CueSheet;
        job.PartSampleRate = request.SampleRate;
        job.PartChannels = request.Channels;
        job.PartBitRate = request.BitRate;
    }
}

using AudioPortal.Audio.Manifest;
using AudioPortal.Audio.Peaks;
using AudioPortal.Audio.Planning;
using AudioPortal.Audio.Probing;
using AudioPortal.Audio.Silence;
using AudioPortal.Audio.Writing;

namespace AudioPortal.Audio;

/// <summary>Engine settings; the host binds them from the <c>Ffmpeg</c> section.</summary>
public sealed class AudioEngineOptions
{
    /// <summary>ffmpeg executable: a bare name looked up on PATH, or a path.</summary>
    public string FfmpegPath { get; set; } = "ffmpeg";

    public string FfprobePath { get; set; } = "ffprobe";

    /// <summary>Scratch space for intermediate files; the system temp folder when null.</summary>
    public string? TempDirectory { get; set; }

    /// <summary>How long one ffprobe run may take before it is killed (probes read headers and a few frames, or count packets).</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long the ffmpeg run that measures a waveform overview may take (it decodes the whole file).</summary>
    public TimeSpan PeaksTimeout { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// The façade of the audio engine: probe a file, plan a split, write the parts. Used by the job worker and
/// the <c>split</c> command line verb. Failures come back as <see cref="AudioError"/> values with catalog codes.
/// </summary>
public sealed class AudioEngine(AudioEngineOptions options)
{
    public AudioEngineOptions Options => options;

    /// <summary>Detects the container from the bytes and reads format, length and tags.</summary>
    public Task<AudioResult<AudioInfo>> ProbeAsync(string path, CancellationToken cancellationToken = default) =>
        AudioProbe.ProbeAsync(options, path, cancellationToken);

    /// <summary>Compiles a request into ordered sample ranges; pure, no I/O.</summary>
    public AudioResult<SplitPlan> Plan(AudioInfo source, SplitRequest request) => SplitPlanner.Plan(source, request);

    /// <summary>Plans with silences analysed earlier (<see cref="AnalyzeSilenceAsync"/>), so a caller re-planning as settings change reads the audio once.</summary>
    public AudioResult<SplitPlan> Plan(AudioInfo source, SplitRequest request, SilenceMap? silences) => SplitPlanner.Plan(source, request, silences);

    /// <summary>
    /// Plans a request, analysing the file's silences first when it asks for <see cref="CutAt.Silence"/> (one
    /// streaming pass over the audio); the plan's parts carry their cut reasons. Used by split, preview and the CLI.
    /// </summary>
    public async Task<AudioResult<SplitPlan>> PlanAsync(
        string path, AudioInfo source, SplitRequest request, CancellationToken cancellationToken = default)
    {
        if (request.CutAt != CutAt.Silence)
        {
            return SplitPlanner.Plan(source, request);
        }

        var silences = await AnalyzeSilenceAsync(path, source, request.Silence, cancellationToken);
        return silences.IsSuccess ? SplitPlanner.Plan(source, request, silences.Value) : silences.Error;
    }

    /// <summary>The manifest of a plan before anything is written (preview, dry run): offsets and reasons, no files.</summary>
    public static SplitManifest Describe(string sourceName, AudioInfo source, SplitPlan plan) =>
        SplitManifests.FromPlan(sourceName, source, plan);

    /// <summary>
    /// The bytes each planned part will take, in plan order: exact for lossless copies and PCM (the tags' worst case
    /// included), an upper estimate for encoders (their writers keep every part under a size cap whatever it says).
    /// </summary>
    public static (IReadOnlyList<long> Bytes, bool Exact) EstimateSizes(AudioInfo source, SplitPlan plan)
    {
        var model = PartSizeModel.For(source, plan.Format, plan.Encoding);
        return (plan.Parts.Select(p => model.Overhead + (long)Math.Ceiling(p.Length * model.BytesPerSample)).ToList(), model.Exact);
    }

    /// <summary>The manifest of written parts: true offsets, reasons (re-split parts included), bytes and SHA-256.</summary>
    public static Task<SplitManifest> DescribeAsync(
        string sourceName, AudioInfo source, SplitPlan plan, IReadOnlyList<SplitPart> parts, CancellationToken cancellationToken = default) =>
        SplitManifests.FromPartsAsync(sourceName, source, plan, parts, cancellationToken);

    /// <summary>How a split of <paramref name="source"/> as <paramref name="request"/> asks is written (lossless copy or ffmpeg).</summary>
    public static SplitRoute RouteFor(AudioInfo source, SplitRequest request) => SplitRoutes.For(source, request.Format, request.Encoding);

    /// <summary>
    /// Writes the planned parts; lossless where the formats allow, ffmpeg otherwise. Cancellation throws
    /// <see cref="OperationCanceledException"/> after deleting whatever was written.
    /// </summary>
    public async Task<AudioResult<IReadOnlyList<SplitPart>>> SplitAsync(
        string sourcePath, AudioInfo source, SplitPlan plan, SplitOptions split, CancellationToken cancellationToken = default)
    {
        if (plan.Parts.Count == 0 || string.IsNullOrWhiteSpace(split.BaseName)
            || split.BaseName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || split.BaseName is "." or "..")
        {
            return new AudioError(AudioErrorCodes.InvalidParams, "The split needs a plan with parts and a plain file base name.");
        }

        if (split.NameTemplate is { } template && PartNameTemplate.Problem(template) is { } problem)
        {
            return new AudioError(AudioErrorCodes.InvalidParams, problem);
        }

        split = split with { FadeMs = plan.FadeMs };
        var written = await (SplitRoutes.For(source, plan.Format, plan.Encoding) switch
        {
            SplitRoute.WavCopy => WavSplitter.SplitAsync(sourcePath, source, plan, split, cancellationToken),
            SplitRoute.Mp3FrameCopy => Mp3FrameSplitter.SplitAsync(sourcePath, source, plan, split, cancellationToken),
            _ => new EncodingSplitter(options).SplitAsync(sourcePath, source, plan, split, cancellationToken),
        });
        return written.IsSuccess ? PartRenamer.Apply(written.Value, source, plan, split, OutputFormats.Extension(plan.Format)) : written;
    }

    /// <summary>
    /// The silences of a file (runs of quiet 20 ms frames, judged against the file's median level), in one streaming
    /// pass: WAV and MP3 in this process, other formats decoded by ffmpeg to 16 kHz mono.
    /// </summary>
    public Task<AudioResult<SilenceMap>> AnalyzeSilenceAsync(
        string path, AudioInfo source, SilenceSettings settings, CancellationToken cancellationToken = default) =>
        SilenceAnalyzer.AnalyzeAsync(options, path, source, settings, cancellationToken);

    /// <summary>A compact peak overview (max |sample| per bucket, 0–1) for drawing a waveform.</summary>
    public Task<AudioResult<float[]>> ComputePeaksAsync(
        string path, AudioInfo source, int count = 2000, CancellationToken cancellationToken = default)
    {
        if (count is < 1 or > 100_000)
        {
            return Task.FromResult<AudioResult<float[]>>(new AudioError(AudioErrorCodes.InvalidParams, "count must be between 1 and 100000."));
        }

        return source.Container switch
        {
            AudioContainer.Wav => WavPeaks.ComputeAsync(path, count, cancellationToken),
            AudioContainer.Mp3 => Mp3Peaks.ComputeAsync(path, source, count, cancellationToken),
            _ => FfmpegPeaks.ComputeAsync(options, path, source, count, cancellationToken),
        };
    }
}

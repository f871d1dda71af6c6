using AudioPortal.Audio.Planning;
using AudioPortal.Audio.Probing;
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
        throw new NotImplementedException("issue #3");

    /// <summary>Compiles a request into ordered sample ranges; pure, no I/O.</summary>
    public AudioResult<SplitPlan> Plan(AudioInfo source, SplitRequest request) =>
        throw new NotImplementedException("issue #3");

    /// <summary>Writes the planned parts; lossless where the formats allow, ffmpeg otherwise.</summary>
    public Task<AudioResult<IReadOnlyList<SplitPart>>> SplitAsync(
        string sourcePath, AudioInfo source, SplitPlan plan, SplitOptions split, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("issue #3");

    /// <summary>A compact peak overview (max |sample| per bucket, 0–1) for drawing a waveform.</summary>
    public Task<AudioResult<float[]>> ComputePeaksAsync(
        string path, AudioInfo source, int count = 2000, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("issue #3");
}

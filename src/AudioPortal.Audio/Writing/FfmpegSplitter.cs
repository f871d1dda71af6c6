using AudioPortal.Audio.Planning;
using AudioPortal.Audio.Probing;

namespace AudioPortal.Audio.Writing;

/// <summary>Placeholder until the ffmpeg splitter lands (issue #3, part B).</summary>
internal sealed class FfmpegSplitter(AudioEngineOptions options)
{
    public AudioEngineOptions Options => options;

    public Task<AudioResult<IReadOnlyList<SplitPart>>> SplitAsync(
        string sourcePath, AudioInfo source, SplitPlan plan, SplitOptions split, CancellationToken ct) =>
        Task.FromResult<AudioResult<IReadOnlyList<SplitPart>>>(
            new AudioError(AudioErrorCodes.ServiceUnavailable, "Transcoding is not available yet."));
}

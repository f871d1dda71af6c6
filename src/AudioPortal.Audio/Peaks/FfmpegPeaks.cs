using AudioPortal.Audio.Probing;

namespace AudioPortal.Audio.Peaks;

/// <summary>Peaks of formats without a managed decoder: ffmpeg decodes to mono 16-bit PCM on a pipe (streamed).</summary>
internal static class FfmpegPeaks
{
    public static Task<AudioResult<float[]>> ComputeAsync(
        AudioEngineOptions options, string path, AudioInfo source, int count, CancellationToken ct) =>
        Task.FromResult<AudioResult<float[]>>(new AudioError(AudioErrorCodes.ServiceUnavailable,
            $"Waveforms of {source.Container} files need ffmpeg's decoder, which is not wired yet."));
}

using AudioPortal.Audio.Probing;

namespace AudioPortal.Audio.Ffmpeg;

/// <summary>Placeholder until the ffprobe reader lands (issue #3, part B): reports the format as unsupported.</summary>
internal static class FfprobeReader
{
    public static Task<AudioResult<AudioInfo>> ProbeAsync(
        AudioEngineOptions options, string path, AudioContainer container, CancellationToken ct) =>
        Task.FromResult<AudioResult<AudioInfo>>(
            new AudioError(AudioErrorCodes.UnsupportedFormat, $"Reading {container} files is not available yet."));
}

using AudioPortal.Audio.Ffmpeg;

namespace AudioPortal.Audio.Probing;

/// <summary>
/// Probes a file: the container from its bytes, then WAV and MP3 with managed readers and everything else with
/// ffprobe. Unknown content is rejected here, so UNSUPPORTED_FORMAT never needs ffmpeg.
/// </summary>
internal static class AudioProbe
{
    public static async Task<AudioResult<AudioInfo>> ProbeAsync(AudioEngineOptions options, string path, CancellationToken ct)
    {
        if (!File.Exists(path))
        {
            return new AudioError(AudioErrorCodes.InvalidParams, "The audio file does not exist.");
        }

        AudioResult<AudioContainer> container;
        await using (var stream = OpenRead(path))
        {
            container = await ContainerSniffer.SniffAsync(stream, ct);
            if (!container.IsSuccess)
            {
                return container.Error;
            }

            switch (container.Value)
            {
                case AudioContainer.Wav:
                    var wav = await WavProbe.ProbeAsync(stream, ct);
                    return wav.IsSuccess ? wav.Value.Info : wav.Error;
                case AudioContainer.Mp3:
                    var mp3 = await Mp3Probe.ProbeAsync(stream, ct);
                    return mp3.IsSuccess ? mp3.Value.Info : mp3.Error;
            }
        }

        return await FfprobeReader.ProbeAsync(options, path, container.Value, ct);
    }

    /// <summary>A read stream with a buffer that suits chunk walking; sequential because most reads go forward.</summary>
    internal static FileStream OpenRead(string path) =>
        new(path, new FileStreamOptions
        {
            Mode = FileMode.Open,
            Access = FileAccess.Read,
            Share = FileShare.Read,
            BufferSize = 1 << 16,
            Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
        });
}

using AudioPortal.Audio.Probing;
using AudioPortal.Audio.Writing.Flac;

namespace AudioPortal.Audio.Planning;

/// <summary>How a split is written: copied losslessly or encoded to FLAC by managed code, or by ffmpeg.</summary>
public enum SplitRoute
{
    /// <summary>WAV → WAV: PCM blocks copied, sample-exact, no ffmpeg.</summary>
    WavCopy,

    /// <summary>MP3 → MP3: whole frames copied, cut error ≤ 1 frame, no ffmpeg.</summary>
    Mp3FrameCopy,

    /// <summary>WAV (16/24-bit integer PCM, mono or stereo) → FLAC: encoded in this process, sample-exact, no ffmpeg.</summary>
    FlacEncode,

    /// <summary>Everything else (transcodes, FLAC/Ogg re-encodes): needs ffmpeg.</summary>
    Ffmpeg,
}

public static class SplitRoutes
{
    public static SplitRoute For(AudioInfo source, OutputFormat format, PartEncoding encoding) => (source.Container, format) switch
    {
        _ when encoding.Changes(source, format) => SplitRoute.Ffmpeg,
        (AudioContainer.Wav, OutputFormat.Wav) => SplitRoute.WavCopy,
        (AudioContainer.Mp3, OutputFormat.Mp3) => SplitRoute.Mp3FrameCopy,
        (AudioContainer.Wav, OutputFormat.Flac) when FlacRunEncoder.Supports(source) => SplitRoute.FlacEncode,
        _ => SplitRoute.Ffmpeg,
    };

    /// <summary>The cut granularity in samples: one MPEG frame for frame copy, one sample otherwise.</summary>
    public static int Granularity(AudioInfo source, OutputFormat format, PartEncoding encoding) =>
        For(source, format, encoding) == SplitRoute.Mp3FrameCopy ? Mp3SamplesPerFrame(source.SampleRate) : 1;

    /// <summary>Layer III frames hold 1152 samples at MPEG-1 rates and 576 at MPEG-2/2.5 rates.</summary>
    public static int Mp3SamplesPerFrame(int sampleRate) => sampleRate >= 32000 ? 1152 : 576;
}

using System.Globalization;
using AudioPortal.Audio.Probing;

namespace AudioPortal.Audio.Planning;

/// <summary>
/// What the parts are encoded at when it is not the source's own: a sample rate, a channel count, a bitrate (a
/// transcription preset's 16 kHz mono at 64 kb/s). Null keeps the source's (and the format's default bitrate). A
/// setting that changes the audio sends the split through ffmpeg, however lossless it could otherwise be written.
/// </summary>
public sealed record PartEncoding(int? SampleRate = null, int? Channels = null, int? BitRate = null)
{
    /// <summary>The source's rate and channels, the format's default bitrate.</summary>
    public static PartEncoding Source { get; } = new();

    /// <summary>The rates LAME encodes (MPEG-1, 2 and 2.5).</summary>
    public static IReadOnlyList<int> Mp3SampleRates { get; } = [8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000];

    public const int MinSampleRate = 8000;
    public const int MaxSampleRate = 192_000;
    public const int MaxChannels = 2;
    public const int MinBitRate = 8000;
    public const int MaxBitRate = 320_000;

    /// <summary>Whether parts written with this differ from the source's audio (its rate, channels, or an MP3's bitrate).</summary>
    public bool Changes(AudioInfo source, OutputFormat format) =>
        (SampleRate is { } rate && rate != source.SampleRate)
        || (Channels is { } channels && channels != source.Channels)
        || (BitRate is { } bitRate && format == OutputFormat.Mp3 && source.Container == AudioContainer.Mp3 && bitRate != source.BitRate);

    /// <summary>The sample rate of the parts.</summary>
    public int RateOf(AudioInfo source) => SampleRate ?? source.SampleRate;

    /// <summary>The channel count of the parts.</summary>
    public int ChannelsOf(AudioInfo source) => Channels ?? source.Channels;

    /// <summary>
    /// What is wrong with these settings for <paramref name="format"/>, as one message that starts with the request
    /// field's name (<c>sampleRate</c>, <c>channels</c>, <c>bitRate</c>), or null.
    /// </summary>
    public string? Problem(OutputFormat format)
    {
        if (SampleRate is { } rate)
        {
            if (rate is < MinSampleRate or > MaxSampleRate)
            {
                return Inv($"sampleRate must be between {MinSampleRate} and {MaxSampleRate} Hz.");
            }

            if (format == OutputFormat.Mp3 && !Mp3SampleRates.Contains(rate))
            {
                return $"sampleRate {Inv(rate)} cannot be written as mp3; use one of {string.Join(", ", Mp3SampleRates.Select(Inv))}.";
            }
        }

        if (Channels is < 1 or > MaxChannels)
        {
            return Inv($"channels must be 1 (mono) or {MaxChannels} (stereo).");
        }

        if (BitRate is { } bitRate)
        {
            if (format is OutputFormat.Wav or OutputFormat.Flac)
            {
                return "bitRate applies only to mp3, ogg and aac; wav and flac are lossless.";
            }

            if (bitRate is < MinBitRate or > MaxBitRate)
            {
                return Inv($"bitRate must be between {MinBitRate} and {MaxBitRate} bits per second.");
            }
        }

        return null;
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Inv(int value) => value.ToString(CultureInfo.InvariantCulture);
}

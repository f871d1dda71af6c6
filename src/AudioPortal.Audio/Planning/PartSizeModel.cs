using System.Text;
using AudioPortal.Audio.Probing;
using AudioPortal.Audio.Writing;

namespace AudioPortal.Audio.Planning;

/// <summary>
/// How many bytes a part of a given length takes in the output: <c>Overhead + samples × BytesPerSample</c>.
/// Exact (an upper bound by a few bytes of tag text) for WAV and PCM output and CBR frame copy; an estimate with
/// a margin for encoders, whose writers verify and re-split.
/// </summary>
internal sealed record PartSizeModel(long Overhead, double BytesPerSample, bool Exact)
{
    /// <summary>Parts are never planned with more than this many pieces, whatever the mode.</summary>
    public const int MaxParts = 10_000;

    // Nominal output bitrates of the transcode defaults at 44.1/48 kHz (mp3 VBR ~190 kb/s, ogg q5 ~160 kb/s, aac
    // 192 kb/s) with margins.
    private const double Mp3Vbr = 190_000 * 1.15;
    private const double OggQ5 = 160_000 * 1.2;
    private const double Aac = 192_000 * 1.08;

    // ffmpeg's AAC encoder spends at most 6144 bits per channel on a 1024-sample frame, so a narrow or mono source
    // cannot reach 192 kb/s (16 kHz mono: 96 kb/s at most).
    private const double AacMaxBitsPerSampleAndChannel = 6144 / 1024.0;
    private const double FlacRatio = 0.75; // FLAC output vs 16-bit PCM when the source's FLAC bitrate is unknown

    public static PartSizeModel For(AudioInfo source, OutputFormat format)
    {
        var tags = PartNaming.WorstCaseTags(source.Tags, "source", MaxParts);
        var tagBytes = tags.Sum(t => 16 + Encoding.UTF8.GetByteCount(t.Key) + Encoding.UTF8.GetByteCount(t.Value));
        var route = SplitRoutes.For(source, format);
        var rate = (double)source.SampleRate;
        switch (route)
        {
            case SplitRoute.WavCopy:
                var blockAlign = source.Channels * (source.BitsPerSample ?? 16) / 8;
                return new(WavPartHeader.MaxFixedLength + WavPartHeader.InfoChunk(tags).Length, blockAlign, true);
            case SplitRoute.Mp3FrameCopy:
                var spf = SplitRoutes.Mp3SamplesPerFrame(source.SampleRate);
                var bitRate = source.BitRate ?? 320_000;
                var cbr = IsStandardBitRate(bitRate);
                // CBR: every frame is at most one padding byte over its nominal length; the Info frame is one such frame (≤ 1441 B).
                var perFrame = cbr ? Math.Floor(spf / 8.0 * bitRate / rate) + 1 : spf / 8.0 * bitRate / rate * 1.1;
                return new(10 + tagBytes + 1441, perFrame / spf, cbr);
        }

        var pcm16 = rate * source.Channels * 2;
        // VBR encoders spend fewer bits on narrower audio. The nominal rates are for 44.1/48 kHz; a source sampled
        // lower (the 16 kHz mono of a transcription pipeline) gets them scaled by the square root of the rate ratio,
        // which stays above what LAME V2 and Vorbis q5 wrote for speech, tones and noise at 8–32 kHz, mono and stereo
        // (16 kHz: at most 69 kb/s mp3 and 59 kb/s ogg, estimated 132 and 116), so parts are still rarely re-split.
        var narrow = Math.Sqrt(Math.Min(1, rate / 44_100));
        var aac = Math.Min(Aac, AacMaxBitsPerSampleAndChannel * source.Channels * rate * 1.08);
        return format switch
        {
            OutputFormat.Wav => new(WavPartHeader.MaxFixedLength + 256 + tagBytes, source.Channels * 2, true),
            OutputFormat.Mp3 => new(16_384 + tagBytes, Mp3Vbr * narrow / 8 / rate, false),
            OutputFormat.Ogg when source.Container == AudioContainer.Ogg && source.BitRate is { } b => new(16_384 + tagBytes, b * 1.15 / 8 / rate, false),
            OutputFormat.Ogg => new(16_384 + tagBytes, OggQ5 * narrow / 8 / rate, false),
            OutputFormat.Aac => new(16_384 + tagBytes + (long)(source.DurationSeconds * 8), aac / 8 / rate, false),
            OutputFormat.Flac when source.Container == AudioContainer.Flac && source.BitRate is { } b => new(16_384 + tagBytes, b * 1.1 / 8 / rate, false),
            _ => new(16_384 + tagBytes, pcm16 * FlacRatio / rate, false),
        };
    }

    /// <summary>The most samples (a multiple of <paramref name="granularity"/>) a part can hold under <paramref name="maxFileSize"/>.</summary>
    public long MaxSamples(long maxFileSize, int granularity)
    {
        var room = maxFileSize - Overhead;
        if (room <= 0)
        {
            return 0;
        }

        var samples = (long)Math.Floor(room / BytesPerSample) / granularity * granularity;
        // room / BytesPerSample can round up to a whole number in floating point, one sample (one block) too many.
        while (samples > 0 && Overhead + samples * BytesPerSample > maxFileSize)
        {
            samples -= granularity;
        }

        return samples;
    }

    private static bool IsStandardBitRate(int bitRate) =>
        bitRate % 1000 == 0 && new[] { 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 192, 224, 256, 320 }.Contains(bitRate / 1000);
}

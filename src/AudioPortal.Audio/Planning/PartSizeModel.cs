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

    // Nominal output bitrates of the transcode defaults at 44.1/48 kHz (mp3 VBR ~190 kb/s, ogg q5 ~160 kb/s) with margins.
    private const double Mp3Vbr = 190_000 * 1.15;
    private const double OggQ5 = 160_000 * 1.2;

    // ffmpeg's AAC encoder spends at most 6144 bits per channel on a 1024-sample frame, so a narrow or mono source
    // cannot reach 192 kb/s (16 kHz mono: 96 kb/s at most).
    private const double AacMaxBitsPerSampleAndChannel = 6144 / 1024.0;
    private const double FlacRatio = 0.75; // FLAC output vs 16-bit PCM when the source's FLAC bitrate is unknown

    /// <summary>The size of parts of <paramref name="source"/> written as <paramref name="format"/> at <paramref name="encoding"/>, per source sample.</summary>
    public static PartSizeModel For(AudioInfo source, OutputFormat format, PartEncoding encoding)
    {
        var tags = PartNaming.WorstCaseTags(source.Tags, "source", MaxParts);
        var tagBytes = tags.Sum(t => 16 + Encoding.UTF8.GetByteCount(t.Key) + Encoding.UTF8.GetByteCount(t.Value));
        var route = SplitRoutes.For(source, format, encoding);
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

        // Bytes per second of output, then per sample of the source (plans count the source's samples).
        var outRate = (double)encoding.RateOf(source);
        var channels = encoding.ChannelsOf(source);
        var pcm16 = outRate * channels * 2;
        // VBR encoders spend fewer bits on narrower audio. The nominal rates are for 44.1/48 kHz; parts sampled
        // lower (the 16 kHz mono of a transcription pipeline) get them scaled by the square root of the rate ratio,
        // which stays above what LAME V2 and Vorbis q5 wrote for speech, tones and noise at 8–32 kHz, mono and stereo
        // (16 kHz: at most 69 kb/s mp3 and 59 kb/s ogg, estimated 132 and 116), so parts are still rarely re-split.
        var narrow = Math.Sqrt(Math.Min(1, outRate / 44_100));
        var aacCeiling = AacMaxBitsPerSampleAndChannel * channels * outRate * 1.08;
        var keepsAudio = !encoding.Changes(source, format);
        var bitsPerSecond = (format, encoding.BitRate) switch
        {
            (OutputFormat.Wav, _) => pcm16 * 8,
            // A set bitrate is CBR for LAME (≤ one padding byte per frame), an average for Vorbis.
            (OutputFormat.Mp3, { } b) => b * 1.02,
            (OutputFormat.Mp3, null) => Mp3Vbr * narrow,
            (OutputFormat.Ogg, { } b) => b * 1.2,
            (OutputFormat.Ogg, null) when keepsAudio && source.Container == AudioContainer.Ogg && source.BitRate is { } b => b * 1.15,
            (OutputFormat.Ogg, null) => OggQ5 * narrow,
            (OutputFormat.Aac, var b) => Math.Min((b ?? 192_000) * 1.08, aacCeiling),
            (OutputFormat.Flac, _) when keepsAudio && source.Container == AudioContainer.Flac && source.BitRate is { } b => b * 1.1,
            _ => pcm16 * 8 * FlacRatio,
        };
        var overhead = format switch
        {
            OutputFormat.Wav => WavPartHeader.MaxFixedLength + 256 + tagBytes,
            OutputFormat.Aac => 16_384 + tagBytes + (long)(source.DurationSeconds * 8),
            _ => 16_384 + tagBytes,
        };
        // Resampled PCM may come out a few samples longer than the source's count scaled: an estimate then, checked after writing.
        return new(overhead, bitsPerSecond / 8 / rate, format == OutputFormat.Wav && keepsAudio);
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

namespace AudioPortal.Audio.Probing;

/// <summary>
/// A parsed 4-byte MPEG audio frame header (layers I–III, MPEG 1, 2 and 2.5). Free-format bitrates and reserved
/// values are rejected: they are what random bytes look like.
/// </summary>
internal readonly record struct MpegFrameHeader(
    int Version, // 1 = MPEG-1, 2 = MPEG-2, 25 = MPEG-2.5
    int Layer,
    int BitRate, // bits per second
    int SampleRate,
    bool Padded,
    int ChannelMode, // 3 = mono
    int FrameLength,
    int SamplesPerFrame,
    uint Raw)
{
    private static readonly int[,] BitRatesKbps =
    {
        // MPEG-1 layer I, II, III; MPEG-2/2.5 layer I, II/III
        { 0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448 },
        { 0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384 },
        { 0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320 },
        { 0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256 },
        { 0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160 },
    };

    private static readonly int[] SampleRatesMpeg1 = [44100, 48000, 32000];

    public int Channels => ChannelMode == 3 ? 1 : 2;

    /// <summary>Where a Xing/Info tag starts, counted from the frame start (after the header and side info).</summary>
    public int SideInfoEnd => 4 + (Version == 1 ? (Channels == 1 ? 17 : 32) : (Channels == 1 ? 9 : 17));

    /// <summary>True when another header describes the same stream (version, layer, rate; channels may not change).</summary>
    public bool SameStream(in MpegFrameHeader other) =>
        other.Version == Version && other.Layer == Layer && other.SampleRate == SampleRate && other.Channels == Channels;

    public static bool TryParse(ReadOnlySpan<byte> bytes, out MpegFrameHeader header)
    {
        header = default;
        if (bytes.Length < 4 || bytes[0] != 0xFF || (bytes[1] & 0xE0) != 0xE0)
        {
            return false;
        }

        var versionBits = (bytes[1] >> 3) & 3;
        var layerBits = (bytes[1] >> 1) & 3;
        var bitrateIndex = bytes[2] >> 4;
        var rateIndex = (bytes[2] >> 2) & 3;
        if (versionBits == 1 || layerBits == 0 || bitrateIndex is 0 or 15 || rateIndex == 3)
        {
            return false;
        }

        var version = versionBits switch { 3 => 1, 2 => 2, _ => 25 };
        var layer = 4 - layerBits;
        var table = version == 1 ? layer - 1 : layer == 1 ? 3 : 4;
        var bitRate = BitRatesKbps[table, bitrateIndex] * 1000;
        var sampleRate = SampleRatesMpeg1[rateIndex] / (version == 1 ? 1 : version == 2 ? 2 : 4);
        var padded = ((bytes[2] >> 1) & 1) == 1;
        var samples = layer == 1 ? 384 : layer == 2 || version == 1 ? 1152 : 576;
        var length = layer == 1
            ? (12 * bitRate / sampleRate + (padded ? 1 : 0)) * 4
            : samples / 8 * bitRate / sampleRate + (padded ? 1 : 0);
        var raw = (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]);
        header = new MpegFrameHeader(version, layer, bitRate, sampleRate, padded, bytes[3] >> 6, length, samples, raw);
        return true;
    }

    /// <summary>The header bytes for a frame of this stream at another bitrate index, unpadded, no CRC.</summary>
    public uint WithBitRateIndex(int index) => (Raw & 0xFFFF0DFFu) | 0x00010000u | ((uint)index << 12);

    /// <summary>The bitrate index of a bitrate in this stream's table, or -1.</summary>
    public int BitRateIndex(int bitRate)
    {
        var table = Version == 1 ? Layer - 1 : Layer == 1 ? 3 : 4;
        for (var i = 1; i < 15; i++)
        {
            if (BitRatesKbps[table, i] * 1000 == bitRate)
            {
                return i;
            }
        }

        return -1;
    }
}

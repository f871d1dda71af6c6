using AudioPortal.Audio.Probing;
using AudioPortal.Audio.Tests.TestAudio;

namespace AudioPortal.Audio.Tests.Probing;

public sealed class ContainerSnifferTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string, byte[], AudioContainer> Magic => new()
    {
        { "FLAC", [.. "fLaC"u8, 0, 0, 0, 34, .. new byte[40]], AudioContainer.Flac },
        { "Ogg Vorbis", OggFirstPage([1, .. "vorbis"u8, 0, 0, 0, 0]), AudioContainer.Ogg },
        { "Ogg Opus", OggFirstPage([.. "OpusHead"u8, 1, 2]), AudioContainer.Ogg },
        { "M4A", [0, 0, 0, 0x20, .. "ftypM4A "u8, .. new byte[40]], AudioContainer.M4a },
        { "ADTS AAC", [.. Adts(), .. Adts()], AudioContainer.Aac },
        { "ID3 then ADTS", [.. SyntheticMp3.Id3v2(), .. Adts(), .. Adts()], AudioContainer.Aac },
        { "RF64", [.. "RF64"u8, 0xFF, 0xFF, 0xFF, 0xFF, .. "WAVE"u8], AudioContainer.Wav },
    };

    [Theory]
    [MemberData(nameof(Magic))]
    public async Task Containers_are_told_from_their_magic_bytes(string what, byte[] bytes, AudioContainer expected)
    {
        var sniffed = await Sniff(bytes);

        Assert.True(sniffed.IsSuccess, $"{what}: {sniffed.Error}");
        Assert.Equal(expected, sniffed.Value);
    }

    [FfmpegTheory]
    [InlineData(GeneratedFormat.Mp3Vbr, AudioContainer.Mp3)]
    [InlineData(GeneratedFormat.Flac, AudioContainer.Flac)]
    [InlineData(GeneratedFormat.OggVorbis, AudioContainer.Ogg)]
    [InlineData(GeneratedFormat.OggOpus, AudioContainer.Ogg)]
    [InlineData(GeneratedFormat.AacAdts, AudioContainer.Aac)]
    [InlineData(GeneratedFormat.M4a, AudioContainer.M4a)]
    [InlineData(GeneratedFormat.Wav, AudioContainer.Wav)]
    public async Task Files_made_by_ffmpeg_are_recognised(GeneratedFormat format, AudioContainer expected)
    {
        var path = GeneratedAudio.Create(_temp.Path, format, seconds: 1);

        Assert.Equal(expected, (await Sniff(File.ReadAllBytes(path))).Value);
    }

    private static async Task<AudioResult<AudioContainer>> Sniff(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return await ContainerSniffer.SniffAsync(stream, CancellationToken.None);
    }

    private static byte[] OggFirstPage(byte[] packet) =>
        [.. "OggS"u8, 0, 2, .. new byte[20], 1, (byte)packet.Length, .. packet, .. new byte[20]];

    /// <summary>A 100-byte ADTS frame header (AAC LC, 44.1 kHz, stereo) and its payload.</summary>
    private static byte[] Adts()
    {
        var frame = new byte[100];
        byte[] header = [0xFF, 0xF1, 0x50, 0x80, 0x0C, 0x9F, 0xFC];
        header.CopyTo(frame, 0);
        return frame;
    }
}

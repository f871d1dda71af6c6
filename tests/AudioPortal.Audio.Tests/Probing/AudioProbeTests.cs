using System.Buffers.Binary;
using System.Diagnostics;
using AudioPortal.Audio.Probing;
using AudioPortal.Audio.Tests.TestAudio;

namespace AudioPortal.Audio.Tests.Probing;

/// <summary>Probing through the façade: what real and broken files come back as. No ffmpeg needed here.</summary>
public sealed class AudioProbeTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly AudioEngine _engine = new(new AudioEngineOptions());

    public void Dispose() => _temp.Dispose();

    private string Write(byte[] bytes, string name = "input.bin")
    {
        var path = _temp.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static byte[] WavBytes(WavSpec spec)
    {
        using var ms = new MemoryStream();
        WavFile.Write(ms, spec);
        return ms.ToArray();
    }

    private async Task<AudioError> ProbeError(byte[] bytes)
    {
        var watch = Stopwatch.StartNew();
        var result = await _engine.ProbeAsync(Write(bytes));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"probe took {watch.Elapsed}");
        Assert.False(result.IsSuccess, "the probe accepted a bad file");
        return result.Error;
    }

    [Theory]
    [InlineData(8, WavEncoding.Pcm, "pcm_u8", false)]
    [InlineData(16, WavEncoding.Pcm, "pcm_s16le", false)]
    [InlineData(24, WavEncoding.Pcm, "pcm_s24le", false)]
    [InlineData(32, WavEncoding.Pcm, "pcm_s32le", false)]
    [InlineData(32, WavEncoding.Float, "pcm_f32le", false)]
    [InlineData(64, WavEncoding.Float, "pcm_f64le", false)]
    [InlineData(24, WavEncoding.Pcm, "pcm_s24le", true)]
    [InlineData(32, WavEncoding.Float, "pcm_f32le", true)]
    public async Task Wav_files_of_every_sample_format_are_probed_exactly(int bits, WavEncoding encoding, string codec, bool extensible)
    {
        var spec = new WavSpec(SampleRate: 22050, Channels: 2, BitsPerSample: bits, Frames: 33_333, Encoding: encoding, Extensible: extensible);

        var info = (await _engine.ProbeAsync(Write(WavBytes(spec)))).Value;

        Assert.Equal((AudioContainer.Wav, codec, 22050, 2, (int?)bits, 33_333L),
            (info.Container, info.Codec, info.SampleRate, info.Channels, info.BitsPerSample, info.TotalSamples));
        Assert.Equal(22050 * 2 * bits, info.BitRate);
    }

    [Fact]
    public async Task An_rf64_file_is_read_through_its_ds64_sizes()
    {
        var info = (await _engine.ProbeAsync(Write(WavBytes(new WavSpec(Frames: 48_000, Rf64: true))))).Value;

        Assert.Equal(48_000, info.TotalSamples);
    }

    [Fact]
    public async Task Wav_tags_come_from_the_info_chunk()
    {
        var info = (await _engine.ProbeAsync(Write(WavBytes(new WavSpec(ExtraChunks: true, Title: "Intro – Ünïcode", Artist: "Band"))))).Value;

        Assert.Equal("Intro – Ünïcode", info.Tags["title"]);
        Assert.Equal("Band", info.Tags["artist"]);
    }

    [Fact]
    public async Task The_container_is_told_by_the_bytes_not_the_name()
    {
        var info = (await _engine.ProbeAsync(Write(WavBytes(new WavSpec()), "song.mp3"))).Value;

        Assert.Equal(AudioContainer.Wav, info.Container);
    }

    [Fact]
    public async Task Mp3_frames_behind_an_id3v2_tag_give_the_exact_length_and_tags()
    {
        var info = (await _engine.ProbeAsync(Write([.. SyntheticMp3.Id3v2("Täg", "Me"), .. SyntheticMp3.Frames(100)]))).Value;

        Assert.Equal((AudioContainer.Mp3, "mp3", 44100, 2, 128_000, 115_200L),
            (info.Container, info.Codec, info.SampleRate, info.Channels, info.BitRate ?? 0, info.TotalSamples));
        Assert.Equal("Täg", info.Tags["title"]);
        Assert.Equal("Me", info.Tags["artist"]);
    }

    [Fact]
    public async Task An_id3v1_tag_at_the_end_is_read_and_not_counted_as_audio()
    {
        var v1 = new byte[128];
        "TAG"u8.CopyTo(v1);
        "Old Title"u8.CopyTo(v1.AsSpan(3));

        var info = (await _engine.ProbeAsync(Write([.. SyntheticMp3.Frames(50), .. v1]))).Value;

        Assert.Equal(50 * 1152, info.TotalSamples);
        Assert.Equal("Old Title", info.Tags["title"]);
    }

    public static TheoryData<string, byte[]> Unsupported => new()
    {
        { "plain text", "Hello, this is not audio at all.\n"u8.ToArray() },
        { "random bytes", RandomBytes(100_000, seed: 1) },
        { "a PNG image", [0x89, .. "PNG\r\n\x1A\n"u8, .. new byte[64]] },
        { "an AVI file", [.. "RIFF"u8, 100, 0, 0, 0, .. "AVI LIST"u8, .. new byte[100]] },
        { "MPEG layer II", [0xFF, 0xFD, 0x90, 0x64, .. new byte[2000]] },
        { "Ogg Speex", OggFirstPage("Speex   "u8.ToArray()) },
        { "ADPCM WAV", WavWithFormat(tag: 2, channels: 2, rate: 44100, bits: 4, blockAlign: 2048) },
        { "12-bit PCM WAV", WavWithFormat(tag: 1, channels: 1, rate: 44100, bits: 12, blockAlign: 2) },
    };

    // Not enumerated at discovery: the runner would serialise the multi-megabyte byte arrays into test case names,
    // which cost a minute and gigabytes of memory on every test run.
    [Theory]
    [MemberData(nameof(Unsupported), DisableDiscoveryEnumeration = true)]
    public async Task Files_that_are_no_supported_audio_are_unsupported(string what, byte[] bytes) =>
        Assert.True((await ProbeError(bytes)).Code == AudioErrorCodes.UnsupportedFormat, what);

    public static TheoryData<string, byte[]> Corrupt => new()
    {
        { "an empty file", [] },
        { "a RIFF header cut short", "RIFF\x10\0\0\0WA"u8.ToArray() },
        { "a WAV cut inside its data", WavBytes(new WavSpec(Frames: 10_000))[..20_000] },
        { "a WAV whose fmt chunk claims 4 GB", WavWithChunkSize("fmt ", 0xFFFFFFF0) },
        { "a WAV whose LIST chunk claims 4 GB", WavWithListSize(0xFFFFFFF0) },
        { "a WAV with zero channels", WavWithFormat(tag: 1, channels: 0, rate: 44100, bits: 16, blockAlign: 0) },
        { "a WAV with a 1 Hz sample rate", WavWithFormat(tag: 1, channels: 2, rate: 1, bits: 16, blockAlign: 4) },
        { "a WAV whose block size does not match", WavWithFormat(tag: 1, channels: 2, rate: 44100, bits: 16, blockAlign: 3) },
        { "a WAV with no data chunk", WavBytes(new WavSpec(Frames: 1))[..36] },
        { "an ID3 tag and nothing else", SyntheticMp3.Id3v2() },
        { "an ID3 tag claiming 256 MB", [.. "ID3"u8, 4, 0, 0, 0x7F, 0x7F, 0x7F, 0x7F, .. new byte[1000]] },
        { "an ID3 tag followed by garbage", [.. SyntheticMp3.Id3v2(), .. RandomBytes(50_000, seed: 2)] },
        { "an MP3 frame header followed by garbage", [.. SyntheticMp3.Header, .. RandomBytes(5_000_000, seed: 3)] },
        { "an MP3 cut inside a frame", SyntheticMp3.Frames(40)[..(39 * 417 + 100)] },
        { "a single MP3 frame", SyntheticMp3.Frames(1) },
        { "MP3 frames with garbage in the middle", [.. SyntheticMp3.Frames(20), .. RandomBytes(20_000, seed: 4), .. SyntheticMp3.Frames(20)] },
        { "an MP3 whose Xing header promises more frames", Mp3WithXing(claimedFrames: 500, actualFrames: 100) },
        { "an Ogg page cut short", "OggS\0\x02"u8.ToArray() },
    };

    [Theory]
    [MemberData(nameof(Corrupt), DisableDiscoveryEnumeration = true)]
    public async Task Broken_files_of_known_containers_are_corrupt_and_fail_fast(string what, byte[] bytes) =>
        Assert.True((await ProbeError(bytes)).Code == AudioErrorCodes.CorruptFile, what);

    [Fact]
    public async Task A_correct_xing_header_frame_is_not_counted_as_audio()
    {
        var info = (await _engine.ProbeAsync(Write(Mp3WithXing(claimedFrames: 100, actualFrames: 100)))).Value;

        Assert.Equal(100 * 1152, info.TotalSamples);
    }

    [Fact]
    public async Task A_missing_file_is_invalid_params() =>
        Assert.Equal(AudioErrorCodes.InvalidParams, (await _engine.ProbeAsync(_temp.File("nope.wav"))).Error?.Code);

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        bytes[0] = 0x42; // never a sync byte or a magic number
        return bytes;
    }

    private static byte[] OggFirstPage(byte[] packet) =>
        [.. "OggS"u8, 0, 2, .. new byte[20], 1, (byte)packet.Length, .. packet, .. new byte[100]];

    private static byte[] WavWithFormat(ushort tag, ushort channels, uint rate, ushort bits, ushort blockAlign)
    {
        var bytes = WavBytes(new WavSpec(Frames: 1000));
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(20), tag);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(22), channels);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(24), rate);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(32), blockAlign);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(34), bits);
        return bytes;
    }

    private static byte[] WavWithChunkSize(string chunk, uint size)
    {
        var bytes = WavBytes(new WavSpec(Frames: 1000));
        var at = System.Text.Encoding.ASCII.GetString(bytes).IndexOf(chunk, StringComparison.Ordinal);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at + 4), size);
        return bytes;
    }

    private static byte[] WavWithListSize(uint size)
    {
        var bytes = WavBytes(new WavSpec(Frames: 1000, ExtraChunks: true));
        var at = System.Text.Encoding.ASCII.GetString(bytes).IndexOf("LIST", StringComparison.Ordinal);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at + 4), size);
        return bytes;
    }

    /// <summary>A Xing frame (MPEG-1 stereo: tag at 36) stating <paramref name="claimedFrames"/>, then the frames.</summary>
    private static byte[] Mp3WithXing(int claimedFrames, int actualFrames)
    {
        var xing = new byte[SyntheticMp3.FrameLength];
        SyntheticMp3.Header.CopyTo(xing, 0);
        "Xing"u8.CopyTo(xing.AsSpan(36));
        BinaryPrimitives.WriteUInt32BigEndian(xing.AsSpan(40), 1);
        BinaryPrimitives.WriteUInt32BigEndian(xing.AsSpan(44), (uint)claimedFrames);
        return [.. xing, .. SyntheticMp3.Frames(actualFrames)];
    }
}

using AudioPortal.Audio.Ffmpeg;
using AudioPortal.Audio.Probing;
using AudioPortal.Audio.Tests.TestAudio;

namespace AudioPortal.Audio.Tests.Ffmpeg;

/// <summary>FLAC, Ogg, ADTS and M4A probed through the façade (sniffer → ffprobe), against what ffmpeg decodes.</summary>
public sealed class FfprobeReaderTests : IDisposable
{
    private static readonly Dictionary<string, string> SongTags = new() { ["title"] = "Evening Song", ["artist"] = "The Testers", ["album"] = "Fixtures" };

    private readonly TempFolder _temp = new();
    private readonly AudioEngine _engine = new(new AudioEngineOptions());

    public void Dispose() => _temp.Dispose();

    [FfmpegTheory]
    [InlineData(GeneratedFormat.Flac, AudioContainer.Flac, "flac", 44100)]
    [InlineData(GeneratedFormat.OggVorbis, AudioContainer.Ogg, "vorbis", 44100)]
    [InlineData(GeneratedFormat.OggOpus, AudioContainer.Ogg, "opus", 48000)]
    [InlineData(GeneratedFormat.M4a, AudioContainer.M4a, "aac", 44100)]
    public async Task The_length_is_exactly_the_encoded_number_of_samples(GeneratedFormat format, AudioContainer container, string codec, int rate)
    {
        var path = GeneratedAudio.Create(_temp.Path, format, seconds: 3.5, tags: SongTags);

        var probe = await _engine.ProbeAsync(path);

        Assert.True(probe.IsSuccess, probe.Error?.ToString());
        var info = probe.Value;
        Assert.Equal((container, codec, rate, 2), (info.Container, info.Codec, info.SampleRate, info.Channels));
        Assert.Equal((long)(3.5 * rate), info.TotalSamples);
        Assert.Equal("Evening Song", info.Tags["title"]);
        Assert.Equal("The Testers", info.Tags["artist"]);
        Assert.Equal("Fixtures", info.Tags["album"]);
        Assert.False(info.Tags.ContainsKey("encoder"));
        Assert.True(info.BitRate > 0);
    }

    [FfmpegFact]
    public async Task An_ogg_opus_length_leaves_out_the_pre_skip_the_decoder_drops()
    {
        var path = GeneratedAudio.Create(_temp.Path, GeneratedFormat.OggOpus, seconds: 2.02);

        var probe = await _engine.ProbeAsync(path);

        Assert.True(probe.IsSuccess, probe.Error?.ToString());
        Assert.Equal(DecodedAudio.Pcm16(path).Length / 4, probe.Value.TotalSamples);
    }

    [FfmpegFact]
    public async Task An_adts_length_is_counted_from_its_packets_and_matches_the_decoder()
    {
        var path = GeneratedAudio.Create(_temp.Path, GeneratedFormat.AacAdts, seconds: 4.3, channels: 1);

        var probe = await _engine.ProbeAsync(path);

        Assert.True(probe.IsSuccess, probe.Error?.ToString());
        Assert.Equal((AudioContainer.Aac, "aac", 1), (probe.Value.Container, probe.Value.Codec, probe.Value.Channels));
        Assert.Equal(DecodedAudio.Pcm16(path).Length / 2, probe.Value.TotalSamples);
        Assert.Equal(0, probe.Value.TotalSamples % 1024);
    }

    [FfmpegTheory]
    [InlineData("-sample_fmt s16", 16)]
    [InlineData("-sample_fmt s32", 24)]
    public async Task Flac_bit_depth_and_length_come_from_streaminfo(string extraArgs, int bits)
    {
        var path = GeneratedAudio.Create(_temp.Path, GeneratedFormat.Flac, seconds: 1.25, sampleRate: 22050, channels: 1, extraArgs: extraArgs);

        var probe = await _engine.ProbeAsync(path);
        var header = StreamHeaders.ParseFlac(File.ReadAllBytes(path));

        Assert.True(probe.IsSuccess, probe.Error?.ToString());
        var decoded = DecodedAudio.Pcm16(path).Length / 2;
        Assert.Equal(new FlacStreamInfo(22050, 1, bits, decoded), header);
        Assert.Equal((decoded, bits, 22050), (probe.Value.TotalSamples, probe.Value.BitsPerSample!.Value, probe.Value.SampleRate));
    }

    [FfmpegTheory]
    [InlineData(GeneratedFormat.Flac, 200)]
    [InlineData(GeneratedFormat.OggVorbis, 120)]
    [InlineData(GeneratedFormat.M4a, 40)]
    public async Task A_valid_header_followed_by_garbage_is_a_corrupt_file(GeneratedFormat format, int keep)
    {
        var good = GeneratedAudio.Create(_temp.Path, format, seconds: 1);
        var bad = _temp.File("bad." + GeneratedAudio.Extension(format));
        var garbage = new byte[50_000];
        new Random(7).NextBytes(garbage);
        File.WriteAllBytes(bad, [.. File.ReadAllBytes(good).AsSpan(0, keep), .. garbage]);

        var probe = await _engine.ProbeAsync(bad);

        Assert.False(probe.IsSuccess);
        Assert.Equal(AudioErrorCodes.CorruptFile, probe.Error.Code);
    }

    [FfmpegFact]
    public async Task An_m4a_cut_before_its_index_is_a_corrupt_file()
    {
        var good = GeneratedAudio.Create(_temp.Path, GeneratedFormat.M4a, seconds: 3);
        var bad = _temp.File("cut.m4a");
        File.WriteAllBytes(bad, File.ReadAllBytes(good).AsSpan(0, 20_000).ToArray());

        var probe = await _engine.ProbeAsync(bad);

        Assert.Equal(AudioErrorCodes.CorruptFile, probe.Error?.Code);
    }

    [FfmpegFact]
    public async Task Without_ffprobe_the_probe_reports_the_service_unavailable()
    {
        var path = GeneratedAudio.Create(_temp.Path, GeneratedFormat.Flac, seconds: 1);
        var engine = new AudioEngine(new AudioEngineOptions { FfprobePath = "/nonexistent/ffprobe" });

        var probe = await engine.ProbeAsync(path);

        Assert.Equal(AudioErrorCodes.ServiceUnavailable, probe.Error?.Code);
        Assert.Contains("apt-get install -y ffmpeg", probe.Error!.Message);
    }

    [Fact]
    public void Streaminfo_is_only_read_from_a_real_flac_header()
    {
        Assert.Null(StreamHeaders.ParseFlac("fLaC"u8));
        Assert.Null(StreamHeaders.ParseFlac(new byte[64]));
    }
}

using AudioPortal.Audio.Planning;
using AudioPortal.Audio.Probing;
using AudioPortal.Audio.Tests.TestAudio;
using AudioPortal.Audio.Writing;

namespace AudioPortal.Audio.Tests;

/// <summary>The façade: routing, lossless splits without ffmpeg, and waveform peaks for every path.</summary>
public sealed class AudioEngineTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly AudioEngine _engine = new(new AudioEngineOptions());

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(AudioContainer.Wav, "pcm_s16le", 2, OutputFormat.Wav, SplitRoute.WavCopy)]
    [InlineData(AudioContainer.Mp3, "mp3", 2, OutputFormat.Mp3, SplitRoute.Mp3FrameCopy)]
    [InlineData(AudioContainer.Wav, "pcm_s16le", 2, OutputFormat.Flac, SplitRoute.FlacEncode)]
    [InlineData(AudioContainer.Wav, "pcm_s24le", 1, OutputFormat.Flac, SplitRoute.FlacEncode)]
    [InlineData(AudioContainer.Wav, "pcm_f32le", 2, OutputFormat.Flac, SplitRoute.Ffmpeg)]
    [InlineData(AudioContainer.Wav, "pcm_s16le", 6, OutputFormat.Flac, SplitRoute.Ffmpeg)]
    [InlineData(AudioContainer.Wav, "pcm_s16le", 2, OutputFormat.Mp3, SplitRoute.Ffmpeg)]
    [InlineData(AudioContainer.Mp3, "mp3", 2, OutputFormat.Wav, SplitRoute.Ffmpeg)]
    [InlineData(AudioContainer.Flac, "flac", 2, OutputFormat.Flac, SplitRoute.Ffmpeg)]
    [InlineData(AudioContainer.M4a, "aac", 2, OutputFormat.Aac, SplitRoute.Ffmpeg)]
    public void Same_format_wav_and_mp3_splits_are_copied_and_integer_wav_to_flac_is_encoded_by_managed_code(
        AudioContainer from, string codec, int channels, OutputFormat to, SplitRoute route)
    {
        var info = new AudioInfo(from, codec, 44100, channels, null, null, 44100, new Dictionary<string, string>());

        Assert.Equal(route, AudioEngine.RouteFor(info, new SplitRequest(SplitMode.Parts, to, Parts: 2)));
    }

    [Theory]
    [InlineData(AudioContainer.Wav, "pcm_s16le", OutputFormat.Wav, 16000, null, null)]
    [InlineData(AudioContainer.Wav, "pcm_s16le", OutputFormat.Flac, null, 1, null)]
    [InlineData(AudioContainer.Mp3, "mp3", OutputFormat.Mp3, null, null, 64000)]
    public void Parts_asked_at_another_rate_channel_count_or_mp3_bitrate_are_encoded_by_ffmpeg(
        AudioContainer from, string codec, OutputFormat to, int? rate, int? channels, int? bitRate)
    {
        var info = new AudioInfo(from, codec, 44100, 2, null, 128000, 44100, new Dictionary<string, string>());
        var request = new SplitRequest(SplitMode.Parts, to, Parts: 2) { Encoding = new PartEncoding(rate, channels, bitRate) };

        Assert.Equal(SplitRoute.Ffmpeg, AudioEngine.RouteFor(info, request));
        Assert.NotEqual(SplitRoute.Ffmpeg, AudioEngine.RouteFor(info, request with { Encoding = new PartEncoding(44100, 2, from == AudioContainer.Mp3 ? 128000 : null) }));
    }

    [Fact]
    public async Task Lossless_splits_work_without_ffmpeg()
    {
        var engine = new AudioEngine(new AudioEngineOptions { FfmpegPath = "/nonexistent/ffmpeg", FfprobePath = "/nonexistent/ffprobe" });
        var wav = _temp.File("a.wav");
        WavFile.Write(wav, new WavSpec(Frames: 44100 * 3));
        var mp3 = _temp.File("b.mp3");
        File.WriteAllBytes(mp3, SyntheticMp3.Frames(300));

        foreach (var (path, format) in new[] { (wav, OutputFormat.Wav), (mp3, OutputFormat.Mp3) })
        {
            var info = (await engine.ProbeAsync(path)).Value;
            var plan = engine.Plan(info, new SplitRequest(SplitMode.Parts, format, Parts: 2)).Value;
            var parts = await engine.SplitAsync(path, info, plan, new SplitOptions(_temp.File("out-" + format), "x", 1));
            Assert.True(parts.IsSuccess, parts.Error?.ToString());
            Assert.Equal(2, parts.Value.Count);
        }
    }

    [Fact]
    public async Task A_base_name_with_a_path_in_it_is_refused()
    {
        var wav = _temp.File("a.wav");
        WavFile.Write(wav, new WavSpec(Frames: 44100 * 3));
        var info = (await _engine.ProbeAsync(wav)).Value;
        var plan = _engine.Plan(info, new SplitRequest(SplitMode.Parts, OutputFormat.Wav, Parts: 2)).Value;

        var result = await _engine.SplitAsync(wav, info, plan, new SplitOptions(_temp.File("out"), "../escape", 1));

        Assert.Equal(AudioErrorCodes.InvalidParams, result.Error?.Code);
    }

    [Fact]
    public async Task Wav_peaks_follow_the_signal_level()
    {
        // 2 s of the generator's tone (peak ≈ 0.85), then its samples zeroed for the second half.
        var path = _temp.File("tone.wav");
        var (offset, length) = WavFile.Write(path, new WavSpec(Frames: 88_200));
        using (var f = File.OpenWrite(path))
        {
            f.Position = offset + length / 2;
            f.Write(new byte[length / 2]);
        }

        var info = (await _engine.ProbeAsync(path)).Value;

        var peaks = (await _engine.ComputePeaksAsync(path, info, 100)).Value;

        Assert.Equal(100, peaks.Length);
        Assert.All(peaks[..49], p => Assert.InRange(p, 0.6f, 1f));
        Assert.All(peaks[51..], p => Assert.Equal(0f, p));
    }

    [FfmpegFact]
    public async Task Mp3_peaks_come_from_decoding_with_nlayer()
    {
        var path = GeneratedAudio.Create(_temp.Path, GeneratedFormat.Mp3Cbr, seconds: 4);
        var info = (await _engine.ProbeAsync(path)).Value;

        var peaks = (await _engine.ComputePeaksAsync(path, info, 200)).Value;

        Assert.Equal(200, peaks.Length);
        Assert.All(peaks[5..195], p => Assert.InRange(p, 0.4f, 1f)); // the tone peaks at ~0.7
    }

    [FfmpegFact]
    public async Task Flac_peaks_come_from_ffmpeg()
    {
        var path = GeneratedAudio.Create(_temp.Path, GeneratedFormat.Flac, seconds: 4);
        var info = (await _engine.ProbeAsync(path)).Value;

        var peaks = (await _engine.ComputePeaksAsync(path, info, 200)).Value;

        Assert.Equal(200, peaks.Length);
        Assert.All(peaks[..199], p => Assert.InRange(p, 0.3f, 1f));
    }

    [Fact]
    public async Task Peaks_of_a_format_needing_ffmpeg_without_ffmpeg_are_service_unavailable()
    {
        var engine = new AudioEngine(new AudioEngineOptions { FfmpegPath = "/nonexistent/ffmpeg" });
        var info = new AudioInfo(AudioContainer.Flac, "flac", 44100, 2, 16, null, 44100, new Dictionary<string, string>());

        var result = await engine.ComputePeaksAsync(_temp.File("x.flac"), info);

        Assert.Equal(AudioErrorCodes.ServiceUnavailable, result.Error?.Code);
    }
}

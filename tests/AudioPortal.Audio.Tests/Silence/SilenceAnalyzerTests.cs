using AudioPortal.Audio.Probing;
using AudioPortal.Audio.Silence;
using AudioPortal.Audio.Tests.TestAudio;

namespace AudioPortal.Audio.Tests.Silence;

public sealed class SilenceAnalyzerTests : IDisposable
{
    // Bursts and gaps (seconds): gaps of 0.6, 1.0 and 0.45 s are silences; the 0.2 s one is shorter than 300 ms.
    private static readonly double[] Pattern = [2.0, 0.6, 1.5, 0.2, 1.8, 1.0, 2.2, 0.45, 1.2];

    private readonly TempFolder _temp = new();
    private readonly AudioEngine _engine = new(new AudioEngineOptions());

    private async Task<SilenceMap> AnalyzeAsync(string path, SilenceSettings? settings = null, AudioEngine? engine = null)
    {
        engine ??= _engine;
        var info = await engine.ProbeAsync(path);
        Assert.True(info.IsSuccess, info.Error?.ToString());
        var map = await engine.AnalyzeSilenceAsync(path, info.Value, settings ?? new SilenceSettings());
        Assert.True(map.IsSuccess, map.Error?.ToString());
        return map.Value;
    }

    /// <summary>Every gap of at least 300 ms is found within <paramref name="slackSeconds"/> at each edge, and nothing else.</summary>
    private static void AssertFindsLongGaps(SilenceMap map, List<(long Start, long End)> gaps, int rate, double slackSeconds)
    {
        var expected = gaps.Where(g => g.End - g.Start >= 0.3 * rate).ToList();
        Assert.Equal(expected.Count, map.Silences.Count);
        foreach (var (gap, found) in expected.Zip(map.Silences))
        {
            Assert.InRange(found.StartSample, gap.Start - slackSeconds * rate, gap.Start + slackSeconds * rate);
            Assert.InRange(found.EndSample, gap.End - slackSeconds * rate, gap.End + slackSeconds * rate);
        }
    }

    [Fact]
    public async Task The_gaps_of_a_wav_are_found_to_within_one_20_ms_frame_and_short_gaps_are_not_silences()
    {
        var path = _temp.File("bursts.wav");
        var gaps = BurstWav.Write(path, Pattern);

        var map = await AnalyzeAsync(path);

        Assert.Equal(44100, map.SampleRate);
        AssertFindsLongGaps(map, gaps, 44100, 0.02);
        Assert.InRange(map.MedianDbfs, -20, -5);
    }

    [Fact]
    public async Task The_threshold_follows_the_files_own_level_so_a_quiet_recording_gives_the_same_silences()
    {
        var loud = _temp.File("loud.wav");
        var quiet = _temp.File("quiet.wav");
        var gaps = BurstWav.Write(loud, Pattern);
        BurstWav.Write(quiet, Pattern, gain: 0.03);

        var quietMap = await AnalyzeAsync(quiet);

        Assert.Equal((await AnalyzeAsync(loud)).Silences, quietMap.Silences);
        AssertFindsLongGaps(quietMap, gaps, 44100, 0.02);
    }

    [Fact]
    public async Task An_absolute_floor_makes_quiet_frames_silent_whatever_the_files_level()
    {
        var path = _temp.File("bursts.wav");
        BurstWav.Write(path, Pattern);

        var map = await AnalyzeAsync(path, new SilenceSettings(ThresholdDb: -80, FloorDbfs: -3));

        var total = Pattern.Sum() * 44100;
        Assert.Single(map.Silences);
        Assert.InRange(map.Silences[0].Length, total - 1, total + 1); // everything is under −3 dBFS
    }

    [Fact]
    public async Task A_longer_minimum_drops_the_shorter_silences()
    {
        var path = _temp.File("bursts.wav");
        BurstWav.Write(path, Pattern);

        var map = await AnalyzeAsync(path, new SilenceSettings(MinSilenceMs: 800));

        Assert.Single(map.Silences); // only the 1.0 s gap
    }

    [Theory]
    [InlineData(-100, null, 300)]
    [InlineData(-25, 5.0, 300)]
    [InlineData(-25, null, 5)]
    public async Task Settings_out_of_range_are_invalid_params(double threshold, double? floor, int minMs)
    {
        var path = _temp.File("bursts.wav");
        BurstWav.Write(path, Pattern);
        var info = (await _engine.ProbeAsync(path)).Value;

        var map = await _engine.AnalyzeSilenceAsync(path, info, new SilenceSettings(threshold, floor, minMs));

        Assert.Equal(AudioErrorCodes.InvalidParams, map.Error?.Code);
    }

    [FfmpegTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_mp3_is_analysed_by_ffmpeg_or_in_process_without_it_and_finds_the_same_gaps(bool ffmpegInstalled)
    {
        var wav = _temp.File("bursts.wav");
        var gaps = BurstWav.Write(wav, Pattern);
        var mp3 = _temp.File("bursts.mp3");
        GeneratedAudio.Run("ffmpeg", ["-v", "error", "-i", wav, "-c:a", "libmp3lame", "-b:a", "128k", mp3]);

        var engine = ffmpegInstalled ? _engine : new AudioEngine(new AudioEngineOptions { FfmpegPath = _temp.File("no-ffmpeg-here") });
        var map = await AnalyzeAsync(mp3, engine: engine);

        Assert.Equal(44100, map.SampleRate);
        // The encoder's delay (~1100 samples) and the frame's smearing move the edges a little.
        AssertFindsLongGaps(map, gaps, 44100, 0.08);
    }

    [FfmpegTheory]
    [InlineData("flac", "flac")]
    [InlineData("ogg", "libvorbis")]
    [InlineData("m4a", "aac")]
    public async Task Other_formats_are_decoded_by_ffmpeg_to_16_khz_and_mapped_back_to_source_samples(string extension, string codec)
    {
        var wav = _temp.File("bursts.wav");
        var gaps = BurstWav.Write(wav, Pattern, sampleRate: 48000);
        var encoded = _temp.File("bursts." + extension);
        GeneratedAudio.Run("ffmpeg", ["-v", "error", "-i", wav, "-c:a", codec, encoded]);

        var map = await AnalyzeAsync(encoded);

        Assert.Equal(48000, map.SampleRate);
        AssertFindsLongGaps(map, gaps, 48000, 0.08);
    }

    public void Dispose() => _temp.Dispose();
}

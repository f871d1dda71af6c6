using AudioPortal.Audio.Planning;
using AudioPortal.Audio.Probing;
using AudioPortal.Audio.Tests.TestAudio;
using AudioPortal.Audio.Writing;

namespace AudioPortal.Audio.Tests.Writing;

/// <summary>Parts asked for at another sample rate, channel count or bitrate than the source's (a transcription preset's 16 kHz mono).</summary>
public sealed class PartEncodingSplitTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly AudioEngine _engine = new(new AudioEngineOptions());

    public void Dispose() => _temp.Dispose();

    private async Task<(SplitPlan Plan, IReadOnlyList<AudioInfo> Parts, IReadOnlyList<SplitPart> Files)> SplitAsync(string path, SplitRequest request)
    {
        var source = (await _engine.ProbeAsync(path)).Value;
        var plan = _engine.Plan(source, request);
        Assert.True(plan.IsSuccess, plan.Error?.ToString());
        var written = await _engine.SplitAsync(path, source, plan.Value, new SplitOptions(_temp.File("out"), "talk", 2));
        Assert.True(written.IsSuccess, written.Error?.ToString());
        var parts = new List<AudioInfo>();
        foreach (var part in written.Value)
        {
            parts.Add((await _engine.ProbeAsync(part.Path)).Value);
        }

        return (plan.Value, parts, written.Value);
    }

    [FfmpegFact]
    public async Task A_stereo_wav_cut_into_mp3_at_16_kHz_mono_and_64_kbps_has_parts_of_exactly_that()
    {
        var path = _temp.File("talk.wav");
        WavFile.Write(path, new WavSpec(Frames: 44100 * 20));
        var request = new SplitRequest(SplitMode.Duration, OutputFormat.Mp3, SegmentSeconds: 10) { Encoding = new PartEncoding(16000, 1, 64000) };

        var (plan, parts, _) = await SplitAsync(path, request);

        Assert.Equal(44100, plan.SampleRate); // the cuts stay in the source's samples
        Assert.Equal(2, parts.Count);
        Assert.All(parts, p => Assert.Equal((16000, 1, 64000), (p.SampleRate, p.Channels, p.BitRate ?? 0)));
        Assert.All(parts, p => Assert.InRange(p.DurationSeconds, 9.9, 10.2));
    }

    [FfmpegFact]
    public async Task A_wav_resampled_to_wav_is_encoded_and_its_parts_hold_the_whole_length_at_the_new_rate()
    {
        var path = _temp.File("talk.wav");
        WavFile.Write(path, new WavSpec(Frames: 44100 * 9));
        var request = new SplitRequest(SplitMode.Parts, OutputFormat.Wav, Parts: 3) { Encoding = new PartEncoding(16000, 1) };

        var (plan, parts, _) = await SplitAsync(path, request);

        Assert.False(plan.SizesExact);
        Assert.All(parts, p => Assert.Equal((AudioContainer.Wav, 16000, 1), (p.Container, p.SampleRate, p.Channels)));
        Assert.InRange(parts.Sum(p => p.TotalSamples), 9 * 16000 - 16, 9 * 16000 + 16);
    }

    [FfmpegFact]
    public async Task A_size_cap_holds_for_parts_at_a_lower_rate_and_is_filled_by_their_smaller_size()
    {
        // 60 s of 44.1 kHz stereo WAV is 10.6 MB; at 16 kHz mono it is 1.92 MB: two parts under 1 MB, where the
        // source's own rate would take eleven.
        var path = _temp.File("talk.wav");
        WavFile.Write(path, new WavSpec(Frames: 44100 * 60));
        var request = new SplitRequest(SplitMode.FileSize, OutputFormat.Wav, MaxFileSize: 1_000_000) { Encoding = new PartEncoding(16000, 1) };

        var (_, parts, files) = await SplitAsync(path, request);

        Assert.Equal(2, files.Count);
        Assert.All(files, f => Assert.InRange(f.Size, 1, 1_000_000));
        Assert.All(parts, p => Assert.Equal(16000, p.SampleRate));
    }

    [Theory]
    [InlineData(OutputFormat.Mp3, 12345, null, null, "sampleRate 12345 cannot be written as mp3")]
    [InlineData(OutputFormat.Ogg, 4000, null, null, "sampleRate must be between 8000 and 192000 Hz.")]
    [InlineData(OutputFormat.Aac, null, 6, null, "channels must be 1 (mono) or 2 (stereo).")]
    [InlineData(OutputFormat.Flac, null, null, 64000, "bitRate applies only to mp3, ogg and aac; wav and flac are lossless.")]
    [InlineData(OutputFormat.Mp3, null, null, 500_000, "bitRate must be between 8000 and 320000 bits per second.")]
    public void Settings_a_format_cannot_take_are_refused_before_planning(OutputFormat format, int? rate, int? channels, int? bitRate, string message)
    {
        var source = new AudioInfo(AudioContainer.Wav, "pcm_s16le", 44100, 2, 16, null, 44100 * 10, new Dictionary<string, string>());
        var request = new SplitRequest(SplitMode.Parts, format, Parts: 2) { Encoding = new PartEncoding(rate, channels, bitRate) };

        var plan = _engine.Plan(source, request);

        Assert.False(plan.IsSuccess);
        Assert.StartsWith(message, plan.Error.Message);
    }
}

using AudioPortal.Audio.Planning;
using AudioPortal.Audio.Probing;
using AudioPortal.Audio.Tests.TestAudio;
using AudioPortal.Audio.Writing;

namespace AudioPortal.Audio.Tests.Writing;

/// <summary>WAV → WAV through the façade: the parts' PCM rejoins to the source byte for byte.</summary>
public sealed class WavSplitterTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly AudioEngine _engine = new(new AudioEngineOptions());

    public void Dispose() => _temp.Dispose();

    private async Task<(string Path, AudioInfo Info)> Source(WavSpec spec)
    {
        var path = _temp.File("source.wav");
        WavFile.Write(path, spec);
        var probe = await _engine.ProbeAsync(path);
        Assert.True(probe.IsSuccess, probe.Error?.ToString());
        return (path, probe.Value);
    }

    private async Task<IReadOnlyList<SplitPart>> Split(string path, AudioInfo info, SplitRequest request, IProgress<double>? progress = null)
    {
        var plan = _engine.Plan(info, request);
        Assert.True(plan.IsSuccess, plan.Error?.ToString());
        var parts = await _engine.SplitAsync(path, info, plan.Value, new SplitOptions(_temp.File("out"), "song", 1, progress));
        Assert.True(parts.IsSuccess, parts.Error?.ToString());
        return parts.Value;
    }

    [Theory]
    [InlineData(22050, 1, 16)]
    [InlineData(22050, 2, 24)]
    [InlineData(48000, 1, 24)]
    [InlineData(48000, 2, 16)]
    [InlineData(44100, 2, 32)]
    [InlineData(44100, 1, 8)]
    public async Task The_parts_pcm_concatenated_equals_the_source_pcm(int rate, int channels, int bits)
    {
        var spec = new WavSpec(rate, channels, bits, Frames: rate * 7 + 123, ExtraChunks: true);
        var (path, info) = await Source(spec);

        var parts = await Split(path, info, new SplitRequest(SplitMode.Duration, OutputFormat.Wav, SegmentSeconds: 2));

        Assert.Equal(4, parts.Count);
        Assert.Equal(WavFile.Pcm(spec), parts.SelectMany(p => WavFile.ReadPcm(p.Path)).ToArray());
        Assert.Equal([2.0, 2.0, 2.0, 1 + 123.0 / rate], parts.Select(p => p.DurationSeconds));
    }

    [Fact]
    public async Task Parts_are_valid_wav_files_with_the_source_format_and_their_own_tags()
    {
        var (path, info) = await Source(new WavSpec(48000, 2, 24, Frames: 48000 * 3, Extensible: true, ExtraChunks: true, Title: "Jingle"));

        var parts = await Split(path, info, new SplitRequest(SplitMode.Parts, OutputFormat.Wav, Parts: 3));

        Assert.Equal(["song-part-01.wav", "song-part-02.wav", "song-part-03.wav"], parts.Select(p => Path.GetFileName(p.Path)));
        for (var i = 0; i < 3; i++)
        {
            var part = (await _engine.ProbeAsync(parts[i].Path)).Value;
            Assert.Equal((info.Codec, 48000, 2, 48000L), (part.Codec, part.SampleRate, part.Channels, part.TotalSamples));
            Assert.Equal($"Jingle (part {i + 1} of 3)", part.Tags["title"]);
            Assert.Equal($"{i + 1}/3", part.Tags["track"]);
            Assert.Equal("AudioPortal Tests", part.Tags["artist"]);
            Assert.Equal(new FileInfo(parts[i].Path).Length, parts[i].Size);
        }
    }

    [Fact]
    public async Task File_size_parts_are_all_within_the_limit_and_as_few_as_possible()
    {
        var spec = new WavSpec(44100, 2, 16, Frames: 44100 * 5);
        var (path, info) = await Source(spec);
        const long max = 200_000;

        var parts = await Split(path, info, new SplitRequest(SplitMode.FileSize, OutputFormat.Wav, MaxFileSize: max));

        Assert.All(parts, p => Assert.InRange(new FileInfo(p.Path).Length, 1, max));
        Assert.Equal((int)Math.Ceiling(44100 * 5 * 4 / (double)(max - 200)), parts.Count);
        Assert.Equal(WavFile.Pcm(spec), parts.SelectMany(p => WavFile.ReadPcm(p.Path)).ToArray());
    }

    [FfmpegFact]
    public async Task Ffmpeg_decodes_every_part_cleanly_with_the_planned_length()
    {
        var (path, info) = await Source(new WavSpec(22050, 2, 24, Frames: 22050 * 5 + 7, ExtraChunks: true));

        var parts = await Split(path, info, new SplitRequest(SplitMode.Duration, OutputFormat.Wav, SegmentSeconds: 2));

        foreach (var part in parts)
        {
            Assert.Equal("", GeneratedAudio.DecodeErrors(part.Path));
            Assert.Equal(part.DurationSeconds, GeneratedAudio.ProbeDuration(part.Path), 0.0001);
        }
    }

    [Fact]
    public async Task Progress_climbs_to_100()
    {
        var (path, info) = await Source(new WavSpec(Frames: 44100 * 4));
        var seen = new List<double>();

        await Split(path, info, new SplitRequest(SplitMode.Duration, OutputFormat.Wav, SegmentSeconds: 1), new SyncProgress(seen.Add));

        Assert.Equal(100, seen[^1]);
        Assert.Equal(seen.Order(), seen);
    }

    [Fact]
    public async Task A_cancelled_split_leaves_no_files_behind()
    {
        var (path, info) = await Source(new WavSpec(Frames: 44100 * 20));
        var plan = _engine.Plan(info, new SplitRequest(SplitMode.Duration, OutputFormat.Wav, SegmentSeconds: 1)).Value;
        using var cts = new CancellationTokenSource();
        var output = _temp.File("out");
        var progress = new SyncProgress(p =>
        {
            if (p >= 30)
            {
                cts.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _engine.SplitAsync(path, info, plan, new SplitOptions(output, "song", 1, progress), cts.Token));

        Assert.Empty(Directory.GetFiles(output));
    }

    [Fact]
    public async Task An_rf64_source_splits_into_plain_wav_parts()
    {
        var spec = new WavSpec(Frames: 44100 * 3, Rf64: true);
        var (path, info) = await Source(spec);

        var parts = await Split(path, info, new SplitRequest(SplitMode.Parts, OutputFormat.Wav, Parts: 2));

        Assert.All(parts, p => Assert.Equal("RIFF"u8.ToArray(), File.ReadAllBytes(p.Path)[..4]));
        Assert.Equal(WavFile.Pcm(spec), parts.SelectMany(p => WavFile.ReadPcm(p.Path)).ToArray());
    }

    [Fact]
    public void A_part_over_4_GiB_gets_an_rf64_header_with_its_true_sizes()
    {
        var info = new AudioInfo(AudioContainer.Wav, "pcm_s16le", 48000, 2, 16, 1_536_000, 0, new Dictionary<string, string>());
        const long data = 5L * 1024 * 1024 * 1024;

        var header = WavPartHeader.Build(info, null, new Dictionary<string, string> { ["title"] = "x" }, data);

        Assert.Equal("RF64"u8.ToArray(), header[..4]);
        Assert.Equal("ds64"u8.ToArray(), header[12..16]);
        Assert.Equal(data, BitConverter.ToInt64(header, 28));
        Assert.Equal(data / 4, BitConverter.ToInt64(header, 36));
        Assert.Equal(uint.MaxValue, BitConverter.ToUInt32(header, header.Length - 4));
    }
}

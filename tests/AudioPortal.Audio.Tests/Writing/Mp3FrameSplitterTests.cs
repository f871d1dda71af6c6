using AudioPortal.Audio.Planning;
using AudioPortal.Audio.Probing;
using AudioPortal.Audio.Tests.TestAudio;
using AudioPortal.Audio.Writing;

namespace AudioPortal.Audio.Tests.Writing;

/// <summary>MP3 → MP3 by frame copy: frames rejoin exactly, each part has its own Xing/Info header and tags.</summary>
public sealed class Mp3FrameSplitterTests : IDisposable
{
    private static readonly Dictionary<string, string> SourceTags = new() { ["title"] = "Episode 42", ["artist"] = "The Hosts", ["album"] = "Season 1" };
    private readonly TempFolder _temp = new();
    private readonly AudioEngine _engine = new(new AudioEngineOptions());

    public void Dispose() => _temp.Dispose();

    private async Task<(string Path, AudioInfo Info)> Source(GeneratedFormat format, double seconds, int rate = 44100, int channels = 2)
    {
        var path = GeneratedAudio.Create(_temp.Path, format, seconds, rate, channels, tags: SourceTags);
        var probe = await _engine.ProbeAsync(path);
        Assert.True(probe.IsSuccess, probe.Error?.ToString());
        return (path, probe.Value);
    }

    private async Task<(SplitPlan Plan, IReadOnlyList<SplitPart> Parts)> Split(string path, AudioInfo info, SplitRequest request)
    {
        var plan = _engine.Plan(info, request);
        Assert.True(plan.IsSuccess, plan.Error?.ToString());
        var parts = await _engine.SplitAsync(path, info, plan.Value, new SplitOptions(_temp.File("out"), "episode", 1));
        Assert.True(parts.IsSuccess, parts.Error?.ToString());
        return (plan.Value, parts.Value);
    }

    [FfmpegFact]
    public async Task The_probe_counts_the_same_length_ffprobe_reports()
    {
        var (path, info) = await Source(GeneratedFormat.Mp3Vbr, 10);

        Assert.Equal(GeneratedAudio.ProbeDuration(path), info.DurationSeconds, 0.001);
        Assert.Equal(Mp3Frames.Audio(path).Count * 1152L, info.TotalSamples);
        Assert.Equal("Episode 42", info.Tags["title"]);
    }

    [FfmpegTheory]
    [InlineData(GeneratedFormat.Mp3Cbr, 44100, 2)]
    [InlineData(GeneratedFormat.Mp3Vbr, 44100, 2)]
    [InlineData(GeneratedFormat.Mp3Vbr, 22050, 1)]
    [InlineData(GeneratedFormat.Mp3Cbr, 48000, 1)]
    public async Task The_parts_frames_concatenated_equal_the_source_frames_and_each_part_has_its_planned_length(
        GeneratedFormat format, int rate, int channels)
    {
        var (path, info) = await Source(format, 10, rate, channels);

        var (plan, parts) = await Split(path, info, new SplitRequest(SplitMode.Duration, OutputFormat.Mp3, SegmentSeconds: 3));

        Assert.Equal(4, parts.Count);
        Assert.Equal(Mp3Frames.AudioBytes(path), parts.SelectMany(p => Mp3Frames.AudioBytes(p.Path)).ToArray());
        var frameSeconds = SplitRoutes.Mp3SamplesPerFrame(rate) / (double)rate;
        for (var i = 0; i < parts.Count; i++)
        {
            Assert.Equal(plan.DurationSeconds(plan.Parts[i]), GeneratedAudio.ProbeDuration(parts[i].Path), frameSeconds);
            Assert.Equal(plan.DurationSeconds(plan.Parts[i]), parts[i].DurationSeconds, frameSeconds);
        }
    }

    [FfmpegFact]
    public async Task Each_part_starts_with_its_own_xing_header_and_keeps_the_tags()
    {
        var (path, info) = await Source(GeneratedFormat.Mp3Vbr, 6);

        var (_, parts) = await Split(path, info, new SplitRequest(SplitMode.Parts, OutputFormat.Mp3, Parts: 2));

        for (var i = 0; i < 2; i++)
        {
            var part = (await _engine.ProbeAsync(parts[i].Path)).Value;
            Assert.Equal(Mp3Frames.Audio(parts[i].Path).Count * 1152L, part.TotalSamples);
            Assert.Equal($"Episode 42 (part {i + 1} of 2)", part.Tags["title"]);
            Assert.Equal($"{i + 1}/2", part.Tags["track"]);
            Assert.Equal(("The Hosts", "Season 1"), (part.Tags["artist"], part.Tags["album"]));
            var ffTitle = GeneratedAudio.Run("ffprobe", ["-v", "error", "-show_entries", "format_tags=title", "-of", "default=nw=1:nk=1", parts[i].Path]);
            Assert.Equal($"Episode 42 (part {i + 1} of 2)", ffTitle.Trim());
        }
    }

    [FfmpegFact]
    public async Task Vbr_file_size_parts_never_exceed_the_limit_and_rejoin_exactly()
    {
        var (path, info) = await Source(GeneratedFormat.Mp3Vbr, 30);
        const long max = 80_000;

        var (_, parts) = await Split(path, info, new SplitRequest(SplitMode.FileSize, OutputFormat.Mp3, MaxFileSize: max));

        Assert.True(parts.Count >= 2);
        Assert.All(parts, p => Assert.InRange(new FileInfo(p.Path).Length, 1, max));
        Assert.Equal(Mp3Frames.AudioBytes(path), parts.SelectMany(p => Mp3Frames.AudioBytes(p.Path)).ToArray());
        Assert.Equal(Enumerable.Range(0, parts.Count), parts.Select(p => p.Index));
    }

    [Fact]
    public async Task Synthetic_frames_split_without_ffmpeg()
    {
        var path = _temp.File("tone.mp3");
        File.WriteAllBytes(path, [.. SyntheticMp3.Id3v2("Tone"), .. SyntheticMp3.Frames(400)]);
        var info = (await _engine.ProbeAsync(path)).Value;

        var (_, parts) = await Split(path, info, new SplitRequest(SplitMode.Duration, OutputFormat.Mp3, SegmentSeconds: 4));

        Assert.Equal([153, 153, 94], parts.Select(p => Mp3Frames.Audio(p.Path).Count));
        Assert.Equal(SyntheticMp3.Frames(400), parts.SelectMany(p => Mp3Frames.AudioBytes(p.Path)).ToArray());
    }

    [Fact]
    public async Task An_id3v23_tag_is_carried_over_frame_for_frame_with_cover_art_but_without_the_whole_file_length()
    {
        var cover = new byte[5000];
        new Random(7).NextBytes(cover);
        byte[] apic = [0, .. "image/png"u8, 0, 3, 0, .. cover];
        var tag = Id3v23(("TIT2", [0, .. "Show"u8]), ("TPE1", [0, .. "Host"u8]), ("TLEN", [0, .. "9999"u8]), ("APIC", apic));
        var path = _temp.File("show.mp3");
        File.WriteAllBytes(path, [.. tag, .. SyntheticMp3.Frames(300)]);
        var info = (await _engine.ProbeAsync(path)).Value;

        var (_, parts) = await Split(path, info, new SplitRequest(SplitMode.Parts, OutputFormat.Mp3, Parts: 2));

        var bytes = File.ReadAllBytes(parts[1].Path);
        Assert.Equal(3, bytes[3]); // still ID3v2.3
        var text = System.Text.Encoding.Latin1.GetString(bytes);
        Assert.Contains(System.Text.Encoding.Latin1.GetString(apic), text, StringComparison.Ordinal);
        Assert.DoesNotContain("TLEN", text, StringComparison.Ordinal);
        var part = (await _engine.ProbeAsync(parts[1].Path)).Value;
        Assert.Equal(("Show (part 2 of 2)", "2/2", "Host"), (part.Tags["title"], part.Tags["track"], part.Tags["artist"]));
    }

    private static byte[] Id3v23(params (string Id, byte[] Payload)[] frames)
    {
        var body = new List<byte>();
        foreach (var (id, payload) in frames)
        {
            body.AddRange(System.Text.Encoding.ASCII.GetBytes(id));
            body.AddRange([(byte)(payload.Length >> 24), (byte)(payload.Length >> 16), (byte)(payload.Length >> 8), (byte)payload.Length, 0, 0]);
            body.AddRange(payload);
        }

        return [.. "ID3"u8, 3, 0, 0, .. SyntheticMp3.SyncSafe(body.Count), .. body];
    }
}

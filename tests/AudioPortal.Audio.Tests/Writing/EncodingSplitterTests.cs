using System.Collections.Concurrent;
using AudioPortal.Audio.Ffmpeg;
using AudioPortal.Audio.Planning;
using AudioPortal.Audio.Probing;
using AudioPortal.Audio.Tests.Ffmpeg;
using AudioPortal.Audio.Tests.TestAudio;
using AudioPortal.Audio.Writing;

namespace AudioPortal.Audio.Tests.Writing;

/// <summary>Transcodes and FLAC/Ogg outputs through the façade: exact lengths, clean decodes, size limits, cleanup.</summary>
public sealed class EncodingSplitterTests : IDisposable
{
    private const int OneMillisecond = 44; // samples at 44.1 kHz

    private static readonly Dictionary<string, string> SongTags = new() { ["title"] = "Evening Song", ["artist"] = "The Testers" };

    private readonly TempFolder _temp = new();
    private readonly AudioEngine _engine = new(new AudioEngineOptions());

    public void Dispose() => _temp.Dispose();

    private string OutDir => _temp.File("out");

    private async Task<(string Path, AudioInfo Info)> Source(GeneratedFormat format, double seconds, string? extraArgs = "-sample_fmt s16")
    {
        var path = GeneratedAudio.Create(_temp.Path, format, seconds, tags: SongTags, extraArgs: format == GeneratedFormat.Flac ? extraArgs : null);
        return (path, await Probe(path));
    }

    private async Task<AudioInfo> Probe(string path)
    {
        var probe = await _engine.ProbeAsync(path);
        Assert.True(probe.IsSuccess, probe.Error?.ToString());
        return probe.Value;
    }

    private SplitPlan Plan(AudioInfo info, SplitRequest request)
    {
        var plan = _engine.Plan(info, request);
        Assert.True(plan.IsSuccess, plan.Error?.ToString());
        return plan.Value;
    }

    private async Task<IReadOnlyList<SplitPart>> Split(string path, AudioInfo info, SplitPlan plan, IProgress<double>? progress = null, int parallelism = 2)
    {
        var parts = await _engine.SplitAsync(path, info, plan, new SplitOptions(OutDir, "song", parallelism, progress));
        Assert.True(parts.IsSuccess, parts.Error?.ToString());
        return parts.Value;
    }

    [FfmpegTheory]
    [InlineData(OutputFormat.Mp3)]
    [InlineData(OutputFormat.Wav)]
    [InlineData(OutputFormat.Flac)]
    [InlineData(OutputFormat.Ogg)]
    [InlineData(OutputFormat.Aac)]
    public async Task Every_output_format_gets_parts_of_the_planned_length_that_decode_cleanly(OutputFormat format)
    {
        var (path, info) = await Source(GeneratedFormat.Flac, 7.3);
        var plan = Plan(info, new SplitRequest(SplitMode.Duration, format, SegmentSeconds: 3));
        var reports = new ConcurrentQueue<double>();

        var parts = await Split(path, info, plan, new SyncProgress(reports.Enqueue));

        var ext = OutputFormats.Extension(format);
        Assert.Equal([$"song-part-01.{ext}", $"song-part-02.{ext}", $"song-part-03.{ext}"], parts.Select(p => Path.GetFileName(p.Path)));
        Assert.Equal(parts.Select(p => p.Path).Order(), Directory.GetFiles(OutDir).Order()); // nothing else left in the folder
        foreach (var (part, range) in parts.Zip(plan.Parts))
        {
            var played = DecodedAudio.PlayedSamples(part.Path, 2);
            var tolerance = format is OutputFormat.Wav or OutputFormat.Flac ? 0 : OneMillisecond;
            Assert.InRange(played, range.Length - tolerance, range.Length + tolerance);
            Assert.Equal("", GeneratedAudio.DecodeErrors(part.Path));
            Assert.Equal(new FileInfo(part.Path).Length, part.Size);
            Assert.Equal(plan.DurationSeconds(range), part.DurationSeconds, 6);

            var tags = DecodedAudio.Tags(part.Path);
            Assert.Equal($"Evening Song (part {part.Index + 1} of 3)", tags["title"]);
            Assert.Equal("The Testers", tags["artist"]);
            Assert.StartsWith($"{part.Index + 1}", tags.GetValueOrDefault("track") ?? tags.GetValueOrDefault("tracknumber"));
        }

        Assert.Equal(reports.Order(), reports);
        Assert.Equal(100, reports.Last());
    }

    [FfmpegTheory]
    [InlineData(GeneratedFormat.Flac)]
    [InlineData(GeneratedFormat.OggVorbis)]
    public async Task Wav_parts_rejoin_to_the_decoded_source_sample_for_sample(GeneratedFormat sourceFormat)
    {
        var (path, info) = await Source(sourceFormat, 6.1);
        var plan = Plan(info, new SplitRequest(SplitMode.Parts, OutputFormat.Wav, Parts: 4));

        var parts = await Split(path, info, plan);

        Assert.Equal(DecodedAudio.Pcm16(path), parts.SelectMany(p => DecodedAudio.Pcm16(p.Path)).ToArray());
    }

    [FfmpegFact]
    public async Task Each_flac_part_states_its_own_length_in_streaminfo()
    {
        var (path, info) = await Source(GeneratedFormat.Flac, 5.5, extraArgs: "-sample_fmt s32");
        var plan = Plan(info, new SplitRequest(SplitMode.Parts, OutputFormat.Flac, Parts: 3));

        var parts = await Split(path, info, plan);

        Assert.Equal(plan.Parts.Select(p => p.Length), parts.Select(p => StreamHeaders.ParseFlac(File.ReadAllBytes(p.Path))!.Value.TotalSamples));
        Assert.All(parts, p => Assert.Equal(24, StreamHeaders.ParseFlac(File.ReadAllBytes(p.Path))!.Value.BitsPerSample));
    }

    [FfmpegTheory]
    [InlineData(OutputFormat.Mp3)]
    [InlineData(OutputFormat.Wav)]
    [InlineData(OutputFormat.Flac)]
    [InlineData(OutputFormat.Ogg)]
    [InlineData(OutputFormat.Aac)]
    public async Task File_size_parts_are_never_over_the_limit_and_cover_the_source(OutputFormat format)
    {
        const long limit = 150_000;
        var (path, info) = await Source(GeneratedFormat.OggVorbis, 8);
        var plan = Plan(info, new SplitRequest(SplitMode.FileSize, format, MaxFileSize: limit));

        var parts = await Split(path, info, plan);

        Assert.All(parts, p => Assert.InRange(new FileInfo(p.Path).Length, 1, limit));
        Assert.Equal(info.DurationSeconds, parts.Sum(p => p.DurationSeconds), 6);
        Assert.All(parts.Skip(1).Zip(parts), x => Assert.Equal(x.Second.StartSeconds + x.Second.DurationSeconds, x.First.StartSeconds, 9));
        Assert.All(parts, p => Assert.Equal("", GeneratedAudio.DecodeErrors(p.Path)));
    }

    [FfmpegTheory]
    [InlineData(OutputFormat.Mp3)]
    [InlineData(OutputFormat.Ogg)]
    [InlineData(OutputFormat.Aac)]
    public async Task Parts_of_a_16_kHz_mono_recording_fill_most_of_the_size_limit_and_none_exceeds_it(OutputFormat format)
    {
        // A tone in pink noise, sampled as a transcription pipeline would send it: the encoders write 35–60 kb/s for
        // it, far below the nominal rates the planner must assume, so the writer measures before it encodes.
        var path = _temp.File("speech.wav");
        GeneratedAudio.Run("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", "sine=f=220:d=90:r=16000", "-f", "lavfi", "-i",
            "anoisesrc=d=90:c=pink:r=16000:a=0.05", "-filter_complex", "[0][1]amix=inputs=2", "-ac", "1", path]);
        var info = await Probe(path);
        const long limit = 200_000;
        var plan = Plan(info, new SplitRequest(SplitMode.FileSize, format, MaxFileSize: limit));

        var parts = await Split(path, info, plan);

        var sizes = parts.Select(p => new FileInfo(p.Path).Length).ToList();
        Assert.All(sizes, size => Assert.InRange(size, 1, limit));
        Assert.True(parts.Count < plan.Parts.Count, $"{parts.Count} parts written, {plan.Parts.Count} planned from the nominal rate");
        Assert.True(sizes.SkipLast(1).Average() >= limit / 2, $"parts of {string.Join(", ", sizes)} bytes");
        Assert.Equal(info.DurationSeconds, parts.Sum(p => p.DurationSeconds), 6);
        Assert.Empty(Directory.GetFiles(OutDir, "*calibration*", SearchOption.AllDirectories));
    }

    [FfmpegFact]
    public async Task A_part_that_comes_out_too_big_is_re_split_and_the_parts_are_renumbered()
    {
        // White noise hardly compresses, so FLAC parts come out far bigger than the planner's estimate.
        var path = _temp.File("noise.wav");
        GeneratedAudio.Run("ffmpeg", ["-v", "error", "-filter_complex",
            "anoisesrc=d=6:a=0.9:r=44100:s=1[l];anoisesrc=d=6:a=0.9:r=44100:s=2[r];[l][r]amerge=inputs=2", "-c:a", "pcm_s16le", path]);
        var info = await Probe(path);
        const long limit = 300_000; // planned as 3 parts of 2 s, each ~370 KB as FLAC
        var plan = Plan(info, new SplitRequest(SplitMode.FileSize, OutputFormat.Flac, MaxFileSize: limit));

        var parts = await Split(path, info, plan);

        Assert.True(parts.Count > plan.Parts.Count, $"{parts.Count} parts, {plan.Parts.Count} planned");
        Assert.All(parts, p => Assert.InRange(new FileInfo(p.Path).Length, 1, limit));
        Assert.Equal(parts.Select(p => $"song (part {p.Index + 1} of {parts.Count})"), parts.Select(p => DecodedAudio.Tags(p.Path)["title"]));
        Assert.Equal(Enumerable.Range(1, parts.Count).Select(n => PartNaming.FileName("song", n, parts.Count, "flac")), parts.Select(p => Path.GetFileName(p.Path)));
        Assert.Equal(DecodedAudio.Pcm16(path), parts.SelectMany(p => DecodedAudio.Pcm16(p.Path)).ToArray());
        Assert.Equal(parts.Count, Directory.GetFiles(OutDir).Length);
    }

    [FfmpegFact]
    public async Task Parts_are_encoded_by_as_many_processes_at_once_as_the_parallelism_allows()
    {
        var path = _temp.File("long.wav");
        WavFile.Write(path, new WavSpec(Frames: 44100 * 24));
        var info = await Probe(path);
        var plan = Plan(info, new SplitRequest(SplitMode.Parts, OutputFormat.Mp3, Parts: 4));
        var most = 0;
        using var stop = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                most = Math.Max(most, DecodedAudio.ChildFfmpegProcesses(_temp.Path).Count);
                await Task.Delay(5);
            }
        });

        await Split(path, info, plan, parallelism: 2);
        await stop.CancelAsync();
        await watcher;

        Assert.Equal(2, most);
    }

    [FfmpegFact]
    public async Task Cancelling_kills_the_encoders_and_leaves_no_files_behind()
    {
        var path = _temp.File("long.wav");
        WavFile.Write(path, new WavSpec(Frames: 44100 * 30));
        var info = await Probe(path);
        var plan = Plan(info, new SplitRequest(SplitMode.Parts, OutputFormat.Mp3, Parts: 6));
        using var cts = new CancellationTokenSource();

        var split = _engine.SplitAsync(path, info, plan, new SplitOptions(OutDir, "song", 2, new SyncProgress(p =>
        {
            if (p > 0)
            {
                cts.Cancel();
            }
        })), cts.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => split);
        Assert.Empty(DecodedAudio.ChildFfmpegProcesses(_temp.Path));
        Assert.Empty(Directory.GetFiles(OutDir));
    }

    [FfmpegFact]
    public async Task A_split_that_fails_reports_corrupt_file_and_leaves_no_files_behind()
    {
        var (path, info) = await Source(GeneratedFormat.Flac, 4);
        var plan = Plan(info, new SplitRequest(SplitMode.Parts, OutputFormat.Ogg, Parts: 2));
        File.Delete(path);

        var parts = await _engine.SplitAsync(path, info, plan, new SplitOptions(OutDir, "song", 2));

        Assert.Equal(AudioErrorCodes.CorruptFile, parts.Error?.Code);
        Assert.Empty(Directory.GetFiles(OutDir));
    }

    [Fact]
    public async Task Without_ffmpeg_a_transcode_reports_service_unavailable_and_writes_nothing()
    {
        var path = _temp.File("tone.wav");
        WavFile.Write(path, new WavSpec(Frames: 44100 * 3));
        var engine = new AudioEngine(new AudioEngineOptions { FfmpegPath = "/nonexistent/ffmpeg", FfprobePath = "/nonexistent/ffprobe" });
        var info = (await engine.ProbeAsync(path)).Value;
        var plan = engine.Plan(info, new SplitRequest(SplitMode.Parts, OutputFormat.Mp3, Parts: 2)).Value;

        var parts = await engine.SplitAsync(path, info, plan, new SplitOptions(OutDir, "song", 2));

        Assert.Equal(AudioErrorCodes.ServiceUnavailable, parts.Error?.Code);
        Assert.False(Directory.Exists(OutDir) && Directory.EnumerateFileSystemEntries(OutDir).Any());
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the thread pool and reorder).</summary>
    private sealed class SyncProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}

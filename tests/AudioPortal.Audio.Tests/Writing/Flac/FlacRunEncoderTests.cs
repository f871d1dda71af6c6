using System.Security.Cryptography;
using AudioPortal.Audio.Ffmpeg;
using AudioPortal.Audio.Planning;
using AudioPortal.Audio.Probing;
using AudioPortal.Audio.Tests.Ffmpeg;
using AudioPortal.Audio.Tests.TestAudio;
using AudioPortal.Audio.Writing;
using AudioPortal.Audio.Writing.Flac;

namespace AudioPortal.Audio.Tests.Writing.Flac;

/// <summary>
/// WAV → FLAC in-process: every part decodes (with ffmpeg, checking CRCs) to exactly the source's samples, states its
/// length and the MD5 of its samples in STREAMINFO, and compresses about as well as <c>ffmpeg -compression_level 5</c>.
/// </summary>
public sealed class FlacRunEncoderTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private async Task<(string Path, AudioInfo Info)> Source(WavSpec spec, Func<int, int, int>? sample = null)
    {
        var path = _temp.File($"source-{Guid.NewGuid():N}.wav");
        var (dataOffset, _) = WavFile.Write(path, spec);
        if (sample is not null)
        {
            OverwriteSamples(path, dataOffset, spec, sample);
        }

        var probe = await new AudioEngine(new AudioEngineOptions()).ProbeAsync(path);
        Assert.True(probe.IsSuccess, probe.Error?.ToString());
        return (path, probe.Value);
    }

    private static void OverwriteSamples(string path, long dataOffset, WavSpec spec, Func<int, int, int> sample)
    {
        var bytesPerSample = spec.BitsPerSample / 8;
        var data = new byte[spec.Frames * spec.Channels * bytesPerSample];
        for (var i = 0; i < spec.Frames; i++)
        {
            for (var c = 0; c < spec.Channels; c++)
            {
                var value = sample(i, c);
                var at = (i * spec.Channels + c) * bytesPerSample;
                for (var b = 0; b < bytesPerSample; b++)
                {
                    data[at + b] = (byte)(value >> (8 * b));
                }
            }
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Write);
        file.Position = dataOffset;
        file.Write(data);
    }

    private List<RunOutput> Outputs(params long[] boundaries) =>
        boundaries.Zip(boundaries.Skip(1), (start, end) => new RunOutput(
            start, end, new Dictionary<string, string> { ["title"] = $"part at {start}", ["track"] = "1/9" }, _temp.File($"part-{start}.flac"))).ToList();

    /// <summary>The PCM bytes of samples [start, end) of a WAV made by <see cref="WavFile"/> (its data starts the file's tail).</summary>
    private static byte[] SourcePcm(string wav, WavSpec spec, long start, long end)
    {
        var pcm = WavFile.ReadPcm(wav);
        var blockAlign = spec.Channels * spec.BitsPerSample / 8;
        return pcm.AsSpan((int)(start * blockAlign), (int)((end - start) * blockAlign)).ToArray();
    }

    private static byte[] Decode(string flac, int bits) => DecodedAudio.RunBinary("ffmpeg",
        ["-hide_banner", "-v", "error", "-nostdin", "-err_detect", "crccheck+bitstream+explode", "-i", flac,
            "-c:a", bits == 16 ? "pcm_s16le" : "pcm_s24le", "-f", bits == 16 ? "s16le" : "s24le", "-"]);

    [FfmpegTheory]
    [InlineData(44100, 2, 16)]
    [InlineData(22050, 1, 16)]
    [InlineData(48000, 2, 24)]
    [InlineData(11111, 1, 24)] // a rate without a frame-header code: read from STREAMINFO
    public async Task Every_part_decodes_to_exactly_the_source_samples(int rate, int channels, int bits)
    {
        var spec = new WavSpec(rate, channels, bits, Frames: rate * 3 + 777);
        var (wav, info) = await Source(spec);
        var outputs = Outputs(0, rate, 2L * rate + 5, spec.Frames);

        var error = await FlacRunEncoder.EncodeAsync(wav, info, outputs, _ => { }, CancellationToken.None);

        Assert.Null(error);
        foreach (var output in outputs)
        {
            Assert.Equal(SourcePcm(wav, spec, output.Start, output.End), Decode(output.Path, bits));
        }
    }

    [FfmpegFact]
    public async Task Silence_full_scale_noise_and_parts_shorter_than_a_block_round_trip()
    {
        // Silence (constant subframes), white noise at full scale (verbatim subframes), a tone (LPC) — and parts of
        // 1, 19, 280 and 4,100 samples (header block-size codes, the smallest frames, a short last frame).
        var random = new Random(7);
        var spec = new WavSpec(44100, 2, 16, Frames: 44100);
        var (wav, info) = await Source(spec, (i, c) => i < 10_000 ? 0
            : i < 20_000 ? random.Next(short.MinValue, short.MaxValue + 1)
            : (int)(20_000 * Math.Sin(i * (c + 1) * 0.01)));
        var outputs = Outputs(0, 1, 20, 300, 4400, 9_999, 20_003, 44_100);

        var error = await FlacRunEncoder.EncodeAsync(wav, info, outputs, _ => { }, CancellationToken.None);

        Assert.Null(error);
        foreach (var output in outputs)
        {
            Assert.Equal(SourcePcm(wav, spec, output.Start, output.End), Decode(output.Path, 16));
        }
    }

    [Fact]
    public async Task Streaminfo_states_each_parts_length_and_the_md5_of_its_samples_without_ffmpeg()
    {
        var spec = new WavSpec(48000, 2, 24, Frames: 48000 * 4 + 99);
        var (wav, info) = await Source(spec);
        var engine = new AudioEngine(new AudioEngineOptions { FfmpegPath = "/nonexistent/ffmpeg", FfprobePath = "/nonexistent/ffprobe" });
        var plan = engine.Plan(info, new SplitRequest(SplitMode.Parts, OutputFormat.Flac, Parts: 3)).Value;

        var parts = await engine.SplitAsync(wav, info, plan, new SplitOptions(_temp.File("out"), "song", 2));

        Assert.True(parts.IsSuccess, parts.Error?.ToString());
        foreach (var (part, range) in parts.Value.Zip(plan.Parts))
        {
            var head = File.ReadAllBytes(part.Path);
            var streamInfo = StreamHeaders.ParseFlac(head)!.Value;
            Assert.Equal((48000, 2, 24, range.Length), (streamInfo.SampleRate, streamInfo.Channels, streamInfo.BitsPerSample, streamInfo.TotalSamples));
            Assert.Equal(MD5.HashData(SourcePcm(wav, spec, range.StartSample, range.EndSample)), head.AsSpan(26, 16).ToArray());
        }
    }

    [Fact]
    public async Task A_file_size_split_of_incompressible_audio_is_re_split_until_every_part_fits_without_ffmpeg()
    {
        // White noise does not compress: the first cut (sized for typical FLAC) comes out too big and is re-split.
        const long limit = 400_000;
        var random = new Random(3);
        var spec = new WavSpec(44100, 2, 16, Frames: 44100 * 8);
        var (wav, info) = await Source(spec, (_, _) => random.Next(short.MinValue, short.MaxValue + 1));
        var engine = new AudioEngine(new AudioEngineOptions { FfmpegPath = "/nonexistent/ffmpeg", FfprobePath = "/nonexistent/ffprobe" });
        var plan = engine.Plan(info, new SplitRequest(SplitMode.FileSize, OutputFormat.Flac, MaxFileSize: limit)).Value;

        var parts = await engine.SplitAsync(wav, info, plan, new SplitOptions(_temp.File("out"), "noise", 2));

        Assert.True(parts.IsSuccess, parts.Error?.ToString());
        Assert.True(parts.Value.Count > plan.Parts.Count, $"{parts.Value.Count} parts, planned {plan.Parts.Count}");
        Assert.All(parts.Value, p => Assert.InRange(new FileInfo(p.Path).Length, 1, limit));
        Assert.Equal(Enumerable.Range(1, parts.Value.Count).Select(n => $"noise-part-{n:00}.flac"), parts.Value.Select(p => Path.GetFileName(p.Path)));
        long start = 0;
        foreach (var part in parts.Value)
        {
            var head = File.ReadAllBytes(part.Path);
            var length = StreamHeaders.ParseFlac(head)!.Value.TotalSamples;
            Assert.Equal(MD5.HashData(SourcePcm(wav, spec, start, start + length)), head.AsSpan(26, 16).ToArray());
            start += length;
        }

        Assert.Equal(spec.Frames, start);
    }

    [FfmpegFact]
    public async Task Tags_read_back_under_the_names_they_were_given()
    {
        var (wav, info) = await Source(new WavSpec(Frames: 44100));
        var outputs = Outputs(0, 44100);

        await FlacRunEncoder.EncodeAsync(wav, info, outputs, _ => { }, CancellationToken.None);

        var tags = DecodedAudio.Tags(outputs[0].Path);
        Assert.Equal("part at 0", tags["title"]);
        Assert.Equal("1/9", tags["track"]);
    }

    [FfmpegFact]
    public async Task Compresses_within_three_percent_of_ffmpeg_at_level_5()
    {
        var source = GeneratedAudio.Create(_temp.Path, GeneratedFormat.Wav, seconds: 20);
        var info = (await new AudioEngine(new AudioEngineOptions()).ProbeAsync(source)).Value;
        var outputs = Outputs(0, info.TotalSamples);
        var reference = _temp.File("reference.flac");
        GeneratedAudio.Run("ffmpeg", ["-v", "error", "-nostdin", "-i", source, "-map_metadata", "-1", "-c:a", "flac", "-compression_level", "5", reference]);

        await FlacRunEncoder.EncodeAsync(source, info, outputs, _ => { }, CancellationToken.None);

        var ratio = new FileInfo(outputs[0].Path).Length / (double)new FileInfo(reference).Length;
        Assert.InRange(ratio, 0.9, 1.03);
    }

    [Fact]
    public async Task Cancelling_stops_the_encode_and_the_split_leaves_no_files_behind()
    {
        var (wav, info) = await Source(new WavSpec(Frames: 44100 * 120));
        var engine = new AudioEngine(new AudioEngineOptions());
        var plan = engine.Plan(info, new SplitRequest(SplitMode.Duration, OutputFormat.Flac, SegmentSeconds: 10)).Value;
        using var cts = new CancellationTokenSource();
        var output = _temp.File("out");

        var split = engine.SplitAsync(wav, info, plan, new SplitOptions(output, "song", 2, new SyncProgress(p =>
        {
            if (p > 0)
            {
                cts.Cancel();
            }
        })), cts.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => split);
        Assert.Empty(Directory.GetFiles(output));
    }
}

using System.Text.Json;
using AudioPortal.Audio.Manifest;
using AudioPortal.Audio.Planning;
using AudioPortal.Audio.Silence;
using AudioPortal.Audio.Tests.TestAudio;
using AudioPortal.Audio.Writing;

namespace AudioPortal.Audio.Tests;

/// <summary>Silence-aware splits end to end: plan from the file's silences, write, and check the manifest against the audio.</summary>
public sealed class SmartSplitTests : IDisposable
{
    // 40 s of bursts with gaps of 0.2–0.9 s.
    private static readonly double[] Pattern =
        [3.1, 0.5, 2.2, 0.2, 4.0, 0.7, 1.9, 0.9, 3.3, 0.4, 2.8, 0.35, 5.1, 0.6, 2.4, 0.8, 3.6, 0.5, 4.0, 0.45, 2.7];

    private readonly TempFolder _temp = new();
    private readonly AudioEngine _engine = new(new AudioEngineOptions());

    private string Out => _temp.File("parts");

    private async Task<(SplitPlan Plan, SplitManifest Manifest, SilenceMap Map)> SplitAsync(string path, SplitRequest request, SplitOptions? split = null)
    {
        var source = (await _engine.ProbeAsync(path)).Value;
        var map = (await _engine.AnalyzeSilenceAsync(path, source, request.Silence)).Value;
        var plan = await _engine.PlanAsync(path, source, request);
        Assert.True(plan.IsSuccess, plan.Error?.ToString());
        var parts = await _engine.SplitAsync(path, source, plan.Value, split ?? new SplitOptions(Out, "talk", 2));
        Assert.True(parts.IsSuccess, parts.Error?.ToString());
        return (plan.Value, await AudioEngine.DescribeAsync(Path.GetFileName(path), source, plan.Value, parts.Value), map);
    }

    private static void AssertCutsInSilenceOrHard(SplitManifest manifest, SilenceMap map)
    {
        foreach (var part in manifest.Parts.SkipLast(1))
        {
            Assert.True(part.CutReason == CutReason.Hard || (part.CutReason == CutReason.Silence && map.IsSilent(part.EndSample)),
                $"part {part.Index} ends at {part.EndSeconds:0.000} s ({part.CutReason}) outside a silence");
        }
    }

    [Fact]
    public async Task A_silence_split_of_a_wav_cuts_in_silences_under_the_cap_with_exact_overlaps_and_sample_exact_parts()
    {
        var path = _temp.File("talk.wav");
        BurstWav.Write(path, Pattern);
        var request = new SplitRequest(SplitMode.Duration, OutputFormat.Wav, SegmentSeconds: 8)
        {
            CutAt = CutAt.Silence, MaxSegmentSeconds = 8.5, OverlapSeconds = 0.5, Silence = new SilenceSettings(SearchWindowSeconds: 3),
        };

        var (plan, manifest, map) = await SplitAsync(path, request);

        Assert.Contains(manifest.Parts, p => p.CutReason == CutReason.Silence);
        AssertCutsInSilenceOrHard(manifest, map);
        Assert.All(manifest.Parts, p => Assert.True(p.EndSample - p.StartSample <= 8.5 * 44100));
        Assert.Equal(22050, plan.OverlapSamples);
        var source = WavFile.ReadPcm(path);
        for (var i = 0; i < manifest.Parts.Count; i++)
        {
            var part = manifest.Parts[i];
            if (i > 0)
            {
                Assert.Equal(manifest.Parts[i - 1].EndSample - 22050, part.StartSample);
                Assert.Equal(22050, part.OverlapSamples);
            }

            // The manifest's offsets are the part's true place in the source, to the sample.
            var pcm = WavFile.ReadPcm(Path.Combine(Out, part.FileName!));
            Assert.Equal(source.AsSpan((int)part.StartSample * 4, (int)(part.EndSample - part.StartSample) * 4).ToArray(), pcm);
            Assert.Equal(new FileInfo(Path.Combine(Out, part.FileName!)).Length, part.Bytes);
            Assert.Equal(64, part.Sha256!.Length);
        }
    }

    [FfmpegFact]
    public async Task An_mp3_frame_copy_repeats_whole_frames_of_the_previous_part_as_its_overlap()
    {
        var wav = _temp.File("talk.wav");
        BurstWav.Write(wav, Pattern);
        var mp3 = _temp.File("talk.mp3");
        GeneratedAudio.Run("ffmpeg", ["-v", "error", "-i", wav, "-c:a", "libmp3lame", "-b:a", "128k", mp3]);
        var request = new SplitRequest(SplitMode.Duration, OutputFormat.Mp3, SegmentSeconds: 10) {
            CutAt = CutAt.Silence, OverlapSeconds = 1, Silence = new SilenceSettings(SearchWindowSeconds: 3),
        };

        var (plan, manifest, map) = await SplitAsync(mp3, request);

        Assert.Equal(38 * 1152, plan.OverlapSamples); // 1 s = 38.28 frames
        AssertCutsInSilenceOrHard(manifest, map);
        var frames = manifest.Parts.Select(p => Mp3Frames.Audio(Path.Combine(Out, p.FileName!))).ToList();
        for (var i = 1; i < frames.Count; i++)
        {
            Assert.Equal(frames[i - 1].TakeLast(38).SelectMany(f => f), frames[i].Take(38).SelectMany(f => f));
            Assert.Equal(manifest.Parts[i - 1].EndSample - 38 * 1152, manifest.Parts[i].StartSample);
        }

        Assert.Equal(Mp3Frames.Audio(mp3).Count, frames.Sum(f => f.Count) - 38 * (frames.Count - 1));
    }

    [FfmpegFact]
    public async Task Every_n_seconds_under_a_roomy_size_cap_keeps_its_cuts_when_encoded()
    {
        // A preset's size cap on a duration split: parts far under the cap are not merged to fill it (a fileSize split would).
        var flac = GeneratedAudio.Create(_temp.Path, GeneratedFormat.Flac, seconds: 20);
        var request = new SplitRequest(SplitMode.Duration, OutputFormat.Mp3, SegmentSeconds: 5, MaxFileSize: 24_000_000);

        var (plan, manifest, _) = await SplitAsync(flac, request);

        Assert.Equal(4, plan.Parts.Count);
        Assert.Equal(plan.Parts.Select(p => p.StartSample), manifest.Parts.Select(p => p.StartSample));
    }

    [FfmpegFact]
    public async Task A_transcode_fades_in_and_out_at_each_cut_but_not_at_the_ends_of_the_source()
    {
        var flac = GeneratedAudio.Create(_temp.Path, GeneratedFormat.Flac, seconds: 6);
        var request = new SplitRequest(SplitMode.Parts, OutputFormat.Wav, Parts: 2) { FadeMs = 100 };

        var (_, manifest, _) = await SplitAsync(flac, request);

        var first = Samples(Path.Combine(Out, manifest.Parts[0].FileName!));
        var second = Samples(Path.Combine(Out, manifest.Parts[1].FileName!));
        Assert.True(Peak(first[..441]) > 0.3, "the source's start is not faded");
        Assert.True(Peak(first[^44..]) < 0.02, "part 1 fades out before the cut");
        Assert.True(Peak(second[..44]) < 0.02, "part 2 fades in after the cut");
        Assert.True(Peak(second[^441..]) > 0.3, "the source's end is not faded");
    }

    private async Task<AudioResult<IReadOnlyList<SplitPart>>> SplitInThreeAsync(string nameTemplate)
    {
        var path = _temp.File("talk.wav");
        BurstWav.Write(path, Pattern);
        var source = (await _engine.ProbeAsync(path)).Value;
        var plan = SplitPlanner.Plan(source, new SplitRequest(SplitMode.Parts, OutputFormat.Wav, Parts: 3)).Value;
        return await _engine.SplitAsync(path, source, plan, new SplitOptions(Out, "talk", 1) { NameTemplate = nameTemplate });
    }

    [Fact]
    public async Task A_name_template_names_the_parts_with_unsafe_characters_replaced()
    {
        var parts = await SplitInThreeAsync("{n} of {N}/{name} at {start}");

        Assert.True(parts.IsSuccess, parts.Error?.ToString());
        Assert.Equal(["1 of 3_talk at 00-00-00.wav", "2 of 3_talk at 00-00-13.wav", "3 of 3_talk at 00-00-27.wav"],
            Directory.GetFiles(Out).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task A_template_that_cannot_tell_parts_apart_is_refused()
    {
        var parts = await SplitInThreeAsync("{name}");

        Assert.Equal(AudioErrorCodes.InvalidParams, parts.Error?.Code);
    }

    [EspeakFact]
    public async Task Speech_from_espeak_is_cut_between_words_or_flagged_hard()
    {
        var path = _temp.File("speech.wav");
        GeneratedAudio.Run("espeak-ng", ["-w", path, "-s", "150",
            "The quick brown fox jumps over the lazy dog. Splitting long recordings between words keeps every transcript whole. "
            + "A pause after each sentence is where a good cut belongs. Overlap helps stitching transcripts back together. "
            + "This is the last sentence of the test."]);
        var request = new SplitRequest(SplitMode.Duration, OutputFormat.Wav, SegmentSeconds: 5) {
            CutAt = CutAt.Silence, MaxSegmentSeconds = 5, Silence = new SilenceSettings(SearchWindowSeconds: 2),
        };

        var (_, manifest, map) = await SplitAsync(path, request);

        Assert.NotEmpty(map.Silences);
        Assert.Contains(manifest.Parts, p => p.CutReason == CutReason.Silence);
        AssertCutsInSilenceOrHard(manifest, map);
        Assert.All(manifest.Parts, p => Assert.True(p.EndSample - p.StartSample <= 5 * p.SampleRate));
    }

    [Fact]
    public async Task The_manifest_files_give_every_parts_offsets_and_the_cue_sheet_the_cut_points()
    {
        var path = _temp.File("talk.wav");
        BurstWav.Write(path, Pattern);
        var (_, manifest, _) = await SplitAsync(path, new SplitRequest(SplitMode.Duration, OutputFormat.Wav, SegmentSeconds: 10) { OverlapSeconds = 1 });

        var (jsonPath, cuePath) = await ManifestFiles.WriteAsync(manifest, Out, CancellationToken.None);

        using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(jsonPath));
        var parts = json.RootElement.GetProperty("parts").EnumerateArray().ToList();
        Assert.Equal(manifest.Parts.Count, parts.Count);
        Assert.Equal(10 * 44100 - 44100, parts[1].GetProperty("startSample").GetInt64());
        Assert.Equal(44100, parts[1].GetProperty("overlapSamples").GetInt64());
        Assert.Equal("nominal", parts[0].GetProperty("cutReason").GetString());
        Assert.Equal(manifest.Parts[0].Sha256, parts[0].GetProperty("sha256").GetString());
        var cue = await File.ReadAllTextAsync(cuePath);
        Assert.Contains("FILE \"talk.wav\" WAVE", cue);
        Assert.Contains("TRACK 02 AUDIO\n    TITLE \"talk (part 2 of 4)\"\n    REM SAMPLE 441000\n    INDEX 01 00:10:00", cue);
    }

    private static float[] Samples(string wav)
    {
        var pcm = WavFile.ReadPcm(wav);
        return Enumerable.Range(0, pcm.Length / 4).Select(i => BitConverter.ToInt16(pcm, i * 4) / 32768f).ToArray();
    }

    private static float Peak(float[] samples) => samples.Max(Math.Abs);

    public void Dispose() => _temp.Dispose();
}

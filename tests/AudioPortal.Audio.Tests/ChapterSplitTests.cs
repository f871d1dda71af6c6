using AudioPortal.Audio.Planning;
using AudioPortal.Audio.Probing;
using AudioPortal.Audio.Tests.Planning;
using AudioPortal.Audio.Tests.TestAudio;
using AudioPortal.Audio.Writing;

namespace AudioPortal.Audio.Tests;

/// <summary>Chapter splits end to end: probe, plan from a CUE sheet or embedded chapters, write, and check the parts.</summary>
public sealed class ChapterSplitTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly AudioEngine _engine = new(new AudioEngineOptions());

    public void Dispose() => _temp.Dispose();

    private async Task<(AudioInfo Source, IReadOnlyList<SplitPart> Parts)> SplitAsync(string path, SplitRequest request, string? nameTemplate = null)
    {
        var source = await _engine.ProbeAsync(path);
        Assert.True(source.IsSuccess, source.Error?.ToString());
        var plan = await _engine.PlanAsync(path, source.Value, request);
        Assert.True(plan.IsSuccess, plan.Error?.ToString());
        var parts = await _engine.SplitAsync(path, source.Value, plan.Value,
            new SplitOptions(_temp.File("parts"), "book", 1) { NameTemplate = nameTemplate });
        Assert.True(parts.IsSuccess, parts.Error?.ToString());
        return (source.Value, parts.Value);
    }

    [Fact]
    public async Task A_wav_split_at_a_cue_sheet_cuts_at_its_times_to_the_sample_and_names_parts_by_title()
    {
        var spec = new WavSpec(SampleRate: 44100, Channels: 2, Frames: 44100 * 20);
        var path = _temp.File("book.wav");
        WavFile.Write(path, spec);
        long[] starts = [0, 75 * 3 + 1, 75 * 7 + 40, 75 * 12 + 74];

        var (_, parts) = await SplitAsync(path,
            new SplitRequest(SplitMode.Chapters, OutputFormat.Wav) { CueSheet = ChapterPlanTests.Cue(starts) }, "{n:02} {title}");

        var lengths = parts.Select(p => WavFile.ReadPcm(p.Path).LongLength / 4).ToList();
        var expectedStarts = starts.Select(f => f * 588).Append(44100L * 20).ToList();
        Assert.Equal(expectedStarts.Zip(expectedStarts.Skip(1), (a, b) => b - a), lengths);
        Assert.Equal(WavFile.Pcm(spec), parts.SelectMany(p => WavFile.ReadPcm(p.Path)).ToArray());
        Assert.Equal(["01 Chapter 1.wav", "02 Chapter 2.wav", "03 Chapter 3.wav", "04 Chapter 4.wav"], parts.Select(p => Path.GetFileName(p.Path)));
    }
}

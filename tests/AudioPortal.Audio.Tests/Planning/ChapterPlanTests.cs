using System.Globalization;
using System.Text;
using AudioPortal.Audio.Chapters;
using AudioPortal.Audio.Planning;
using AudioPortal.Audio.Probing;

namespace AudioPortal.Audio.Tests.Planning;

public class ChapterPlanTests
{
    private static readonly Dictionary<string, string> NoTags = [];

    private static AudioInfo Wav(double seconds, int rate = 44100) =>
        new(AudioContainer.Wav, "pcm_s16le", rate, 2, 16, rate * 32, (long)Math.Round(seconds * rate), NoTags);

    private static AudioInfo Mp3(long frames) =>
        new(AudioContainer.Mp3, "mp3", 44100, 2, null, 128_000, frames * 1152, NoTags);

    /// <summary>A sheet of tracks starting at the given times (in 1/75 s frames), titled "Chapter n".</summary>
    internal static string Cue(params long[] startFrames)
    {
        var cue = new StringBuilder("FILE \"book.wav\" WAVE\n");
        for (var i = 0; i < startFrames.Length; i++)
        {
            var f = startFrames[i];
            cue.Append(CultureInfo.InvariantCulture, $"  TRACK {i + 1:00} AUDIO\n    TITLE \"Chapter {i + 1}\"\n");
            cue.Append(CultureInfo.InvariantCulture, $"    INDEX 01 {f / 75 / 60:00}:{f / 75 % 60:00}:{f % 75:00}\n");
        }

        return cue.ToString();
    }

    private static SplitRequest Chapters(OutputFormat format, string? cue) => new(SplitMode.Chapters, format) { CueSheet = cue };

    [Fact]
    public void A_cue_sheet_with_ten_tracks_gives_ten_parts_with_its_titles_cut_at_its_times_to_the_sample()
    {
        long[] starts = [0, 1234, 5000, 9999, 12_000, 20_001, 30_000, 44_444, 50_000, 60_074];
        var plan = SplitPlanner.Plan(Wav(900, rate: 48000), Chapters(OutputFormat.Wav, Cue(starts)));

        Assert.True(plan.IsSuccess, plan.Error?.ToString());
        Assert.Equal(Enumerable.Range(1, 10).Select(n => $"Chapter {n}"), plan.Value.Parts.Select(p => p.Title));
        Assert.Equal(starts.Select(f => f * 48000 / 75), plan.Value.Parts.Select(p => p.StartSample));
        Assert.Equal(900L * 48000, plan.Value.Parts[^1].EndSample);
        Assert.All(plan.Value.Parts.SkipLast(1), p => Assert.Equal(CutReason.Chapter, p.CutReason));
    }

    [Fact]
    public void Mp3_frame_copies_cut_at_the_frame_boundary_nearest_each_track()
    {
        var plan = SplitPlanner.Plan(Mp3(frames: 5000), Chapters(OutputFormat.Mp3, Cue(0, 75 * 30 + 10, 75 * 61)));

        Assert.True(plan.IsSuccess, plan.Error?.ToString());
        Assert.All(plan.Value.Parts, p => Assert.Equal(0, p.StartSample % 1152));
        Assert.InRange(plan.Value.Parts[1].StartSample - (30 + 10 / 75.0) * 44100, -576, 576);
        Assert.InRange(plan.Value.Parts[2].StartSample - 61 * 44100, -576, 576);
    }

    [Fact]
    public void Embedded_chapters_are_used_when_no_cue_sheet_is_sent()
    {
        var source = Wav(60) with { Chapters = [new Chapter(0, "Intro"), new Chapter(12.5, "Main")] };

        var plan = SplitPlanner.Plan(source, Chapters(OutputFormat.Wav, cue: null));

        Assert.True(plan.IsSuccess, plan.Error?.ToString());
        Assert.Equal(["Intro", "Main"], plan.Value.Parts.Select(p => p.Title));
        Assert.Equal(12.5 * 44100, plan.Value.Parts[1].StartSample);
    }

    [Fact]
    public void A_source_without_chapters_and_no_cue_sheet_gets_a_clear_error()
    {
        var plan = SplitPlanner.Plan(Wav(60), Chapters(OutputFormat.Wav, cue: null));

        Assert.Equal(AudioErrorCodes.InvalidParams, plan.Error!.Code);
        Assert.Equal("The source has no chapters; send a cueSheet or choose another split mode.", plan.Error.Message);
    }

    [Fact]
    public void A_track_past_the_end_of_the_source_is_refused()
    {
        var plan = SplitPlanner.Plan(Wav(60), Chapters(OutputFormat.Wav, Cue(0, 75 * 30, 75 * 61)));

        Assert.Equal(AudioErrorCodes.InvalidParams, plan.Error!.Code);
        Assert.Contains("Chapter 3 starts at 61 s, at or past the end of the source (60 s)", plan.Error.Message);
    }

    [Fact]
    public void Silence_cuts_and_caps_do_not_combine_with_chapters()
    {
        var plan = SplitPlanner.Plan(Wav(60), Chapters(OutputFormat.Wav, Cue(0, 75 * 30)) with { OverlapSeconds = 2 });

        Assert.Equal(AudioErrorCodes.InvalidParams, plan.Error!.Code);
    }

    [Fact]
    public void A_cue_sheet_with_another_split_mode_is_refused_rather_than_ignored()
    {
        var plan = SplitPlanner.Plan(Wav(60), new SplitRequest(SplitMode.Parts, OutputFormat.Wav, Parts: 2) { CueSheet = Cue(0, 75 * 30) });

        Assert.Equal("cueSheet applies only to splitMode=chapters.", plan.Error?.Message);
    }
}

namespace AudioPortal.Cli.Tests;

/// <summary><c>split --cue</c> and <c>split --chapters</c>, driven like a user would.</summary>
public sealed class ChapterSplitVerbTests() : SplitVerbSession("chapters")
{
    private const string Cue = """
        REM made by hand
        FILE "book.wav" WAVE
          TRACK 01 AUDIO
            TITLE "Prologue"
            INDEX 01 00:00:00
          TRACK 02 AUDIO
            TITLE "The Road: Part 1"
            INDEX 01 00:02:30
          TRACK 03 AUDIO
            TITLE "Home"
            INDEX 01 00:04:00
        """;

    private string CueFile()
    {
        var path = Path.Combine(Root, "book.cue");
        File.WriteAllText(path, Cue.ReplaceLineEndings("\r\n"));
        return path;
    }

    [Fact]
    public async Task A_cue_sheet_splits_a_wav_into_its_tracks_named_by_title()
    {
        var wav = TestAudio.WriteWav(Path.Combine(Root, "book.wav"), 6);

        var exit = await RunAsync(wav, "--cue", CueFile(), "--name", "{n:02} {title}", "--out", OutDir);

        Assert.True(exit == 0, Err.ToString());
        Assert.Equal(["01 Prologue.wav", "02 The Road_ Part 1.wav", "03 Home.wav"], Directory.GetFiles(OutDir, "*.wav").Select(Path.GetFileName).Order());
        var parts = ManifestParts();
        Assert.Equal([0L, 2 * 44100 + 30 * 588, 4 * 44100], parts.Select(p => p.GetProperty("startSample").GetInt64()));
        Assert.Equal(["Prologue", "The Road: Part 1", "Home"], parts.Select(p => p.GetProperty("title").GetString()));
        Assert.Equal(["chapter", "chapter", "nominal"], parts.Select(p => p.GetProperty("cutReason").GetString()));
    }

    [Fact]
    public async Task A_dry_run_prints_the_tracks_titles_and_writes_nothing()
    {
        var wav = TestAudio.WriteWav(Path.Combine(Root, "book.wav"), 6);

        var exit = await RunAsync(wav, "--cue", CueFile(), "--dry-run", "--out", OutDir);

        Assert.True(exit == 0, Err.ToString());
        var output = Out.ToString();
        Assert.Contains("Plan: 3 parts", output);
        Assert.Contains("00:02.400 – 00:04.000  (1.600 s)  chapter  \"The Road: Part 1\"", output);
        Assert.Contains("\"Home\"", output);
        Assert.False(Directory.Exists(OutDir));
    }

    [FfmpegFact]
    public async Task Chapters_embedded_in_an_mp3_split_it_at_their_times()
    {
        var mp3 = TestAudio.WriteMp3WithChapters(Path.Combine(Root, "book.mp3"), 10, (0, "Intro"), (3500, "Middle"), (7250, "End"));

        var exit = await RunAsync(mp3, "--chapters", "--name", "{title}", "--out", OutDir);

        Assert.True(exit == 0, Err.ToString());
        Assert.Equal(["End.mp3", "Intro.mp3", "Middle.mp3"], Directory.GetFiles(OutDir, "*.mp3").Select(Path.GetFileName).Order());
        var starts = ManifestParts().Select(p => p.GetProperty("startSeconds").GetDouble()).ToList();
        var frame = 1152 / 44100.0;
        Assert.InRange(starts[1], 3.5 - frame, 3.5 + frame);
        Assert.InRange(starts[2], 7.25 - frame, 7.25 + frame);
    }

    [Fact]
    public async Task A_file_without_chapters_exits_with_the_clear_error()
    {
        var wav = TestAudio.WriteWav(Path.Combine(Root, "book.wav"), 3);

        var exit = await RunAsync(wav, "--chapters", "--out", OutDir);

        Assert.Equal(1, exit);
        Assert.Contains("INVALID_PARAMS: The source has no chapters; send a cueSheet or choose another split mode.", Err.ToString());
    }

    [Fact]
    public async Task A_malformed_cue_sheet_exits_with_the_line_that_is_wrong()
    {
        var wav = TestAudio.WriteWav(Path.Combine(Root, "book.wav"), 3);
        var cue = Path.Combine(Root, "bad.cue");
        File.WriteAllText(cue, "TRACK 01 AUDIO\nINDEX 01 00:00:00\nTRACK 02 AUDIO\nINDEX 01 0:1\n");

        var exit = await RunAsync(wav, "--cue", cue, "--out", OutDir);

        Assert.Equal(1, exit);
        Assert.Contains("CUE line 4: INDEX needs a number and a time mm:ss:ff", Err.ToString());
    }

    [Theory]
    [InlineData("--chapters --every 5")]
    [InlineData("--cue missing.cue")]
    public async Task Chapters_with_another_mode_or_a_missing_cue_file_are_usage_errors(string options)
    {
        var wav = TestAudio.WriteWav(Path.Combine(Root, "book.wav"), 3);

        var exit = await RunAsync([wav, .. options.Split(' ')]);

        Assert.Equal(2, exit);
        Assert.Contains("Usage: split", Err.ToString());
    }
}

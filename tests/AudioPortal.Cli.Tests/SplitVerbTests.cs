namespace AudioPortal.Cli.Tests;

/// <summary>The <c>split</c> verb end to end: real files in, real parts out, exit codes for every failure.</summary>
public sealed class SplitVerbTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "audioportal-split-" + Guid.NewGuid().ToString("N"));
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    public SplitVerbTests() => Directory.CreateDirectory(_root);

    private string OutDir => Path.Combine(_root, "parts");

    private Task<int> RunAsync(params string[] args) =>
        CliDispatcher.RunAsync(StandaloneCli.Program, ["split", .. args], _out, _err);

    private string Wav(double seconds) => TestAudio.WriteWav(Path.Combine(_root, "tone.wav"), seconds);

    [Fact]
    public async Task A_wav_is_split_into_wav_parts_by_default_with_the_plan_and_progress_printed()
    {
        var input = Wav(5.5);

        var exit = await RunAsync(input, "--every", "2", "--out", OutDir);

        Assert.True(exit == 0, _err.ToString());
        Assert.Equal(["manifest.cue", "manifest.json", "tone-part-01.wav", "tone-part-02.wav", "tone-part-03.wav"],
            Directory.GetFiles(OutDir).Select(Path.GetFileName).Order());
        var printed = _out.ToString();
        Assert.Contains("WAV (pcm_s16le), 44100 Hz, 2 ch, 16-bit", printed);
        Assert.Contains("Plan: 3 parts as wav (lossless PCM copy)", printed);
        Assert.Contains("00:04.000 – 00:05.500", printed);
        Assert.Contains("100% done", printed); // not a terminal: a plain line every 10 %
        Assert.Contains("Wrote 3 parts", printed);
    }

    [Fact]
    public async Task Max_size_parts_are_all_within_the_limit()
    {
        var input = Wav(4);

        var exit = await RunAsync(input, "--max-size", "200KB", "--out", OutDir);

        Assert.True(exit == 0, _err.ToString());
        var sizes = Directory.GetFiles(OutDir, "*.wav").Select(f => new FileInfo(f).Length).ToList();
        Assert.Equal(4, sizes.Count); // 705 644 bytes of PCM in parts under 200 000 bytes
        Assert.All(sizes, s => Assert.InRange(s, 1, 200_000));
    }

    [FfmpegFact]
    public async Task A_transcode_writes_parts_in_the_chosen_format_that_ffmpeg_decodes()
    {
        var input = Wav(3);

        var exit = await RunAsync(input, "--parts", "3", "--format", "aac", "--out", OutDir, "--parallel", "2");

        Assert.True(exit == 0, _err.ToString());
        var parts = Directory.GetFiles(OutDir, "*.m4a").Order().ToList();
        Assert.Equal(["tone-part-01.m4a", "tone-part-02.m4a", "tone-part-03.m4a"], parts.Select(Path.GetFileName));
        Assert.Contains("Plan: 3 parts as aac (ffmpeg)", _out.ToString());
        foreach (var part in parts)
        {
            Assert.Equal("", TestAudio.DecodeErrors(part));
        }
    }

    [Fact]
    public async Task A_file_that_is_not_audio_exits_non_zero_with_the_catalog_code()
    {
        var input = Path.Combine(_root, "notes.mp3");
        await File.WriteAllTextAsync(input, "these are not the sounds you are looking for");

        var exit = await RunAsync(input, "--parts", "2", "--out", OutDir);

        Assert.Equal(1, exit);
        Assert.Contains("UNSUPPORTED_FORMAT", _err.ToString());
        Assert.False(Directory.Exists(OutDir) && Directory.EnumerateFiles(OutDir).Any());
    }

    [Fact]
    public async Task A_segment_longer_than_the_source_exits_with_duration_too_long()
    {
        var exit = await RunAsync(Wav(2), "--every", "60", "--out", OutDir);

        Assert.Equal(1, exit);
        Assert.Contains("DURATION_TOO_LONG", _err.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("--every 5 --parts 2")]
    [InlineData("--max-size lots")]
    [InlineData("--every ten")]
    [InlineData("--parts 2 --format wma")]
    [InlineData("--parts 2 --parallel 0")]
    [InlineData("--parts 2 --speed fast")]
    [InlineData("--parts 2 --cut-at loud")]
    [InlineData("--parts 2 --overlap lots")]
    [InlineData("--format mp3")]
    public async Task Bad_arguments_are_a_usage_error_with_exit_code_2(string options)
    {
        var exit = await RunAsync([Wav(2), .. options.Split(' ', StringSplitOptions.RemoveEmptyEntries)]);

        Assert.Equal(2, exit);
        Assert.Contains("Usage: split", _err.ToString());
    }

    [Fact]
    public void The_usage_lists_every_option_on_a_line_of_its_own()
    {
        var lines = new SplitVerb().Usage.Split('\n');

        Assert.All(lines, line => Assert.True(line.Split("  --").Length <= 2, line));
        Assert.Contains(lines, line => line.StartsWith("  --chapters", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("  --cue FILE", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("500000", 500_000)]
    [InlineData("25MB", 25_000_000)]
    [InlineData("800kb", 800_000)]
    [InlineData("1.5GB", 1_500_000_000)]
    [InlineData("25MiB", 26_214_400)]
    public void Sizes_read_decimal_units_and_binary_ones_when_asked(string text, long bytes) =>
        Assert.Equal(bytes, SplitVerb.ParseSize(text));

    public void Dispose() => Directory.Delete(_root, recursive: true);
}

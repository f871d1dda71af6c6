namespace AudioPortal.Cli.Tests;

/// <summary><c>split --preset</c>: a service's caps and cut placement, with the options given winning.</summary>
public sealed class PresetSplitVerbTests() : SplitVerbSession("preset")
{
    [FfmpegFact]
    public async Task A_preset_caps_every_part_by_its_size_and_length_and_an_explicit_format_wins()
    {
        // google-stt-sync: at most 60 s and 7.4 MB (10 MB less its 26 % margin) per part, at 16 kHz mono. As 44.1 kHz
        // stereo WAV the size cap would be the tighter one (~41.9 s, 4 parts); at the preset's 16 kHz mono a minute
        // takes 1.9 MB, so the length cap cuts: 3 parts.
        var input = TestAudio.WriteWav(Path.Combine(Root, "call.wav"), 130);

        var exit = await RunAsync(input, "--preset", "google-stt-sync", "--format", "wav", "--out", OutDir);

        Assert.True(exit == 0, Err.ToString());
        var files = Directory.GetFiles(OutDir, "*.wav");
        Assert.Equal(3, files.Length);
        Assert.All(files, f => Assert.InRange(new FileInfo(f).Length, 1, 7_400_000));
        Assert.All(files, f => Assert.Equal((16000, 1), WavRateAndChannels(f)));
        Assert.All(ManifestParts(), p => Assert.True(p.GetProperty("endSample").GetInt64() - p.GetProperty("startSample").GetInt64() <= 60 * 44100));
    }

    [Fact]
    public async Task An_explicit_length_cap_wins_over_the_presets()
    {
        var input = TestAudio.WriteWav(Path.Combine(Root, "call.wav"), 30);

        var exit = await RunAsync(input, "--preset", "podcast-chapters", "--max-duration", "10", "--format", "wav", "--dry-run");

        Assert.True(exit == 0, Err.ToString());
        Assert.Contains("Plan: 3 parts as wav", Out.ToString());
    }

    [Fact]
    public async Task An_unknown_preset_is_a_one_line_usage_error_naming_the_presets()
    {
        var input = TestAudio.WriteWav(Path.Combine(Root, "call.wav"), 2);

        var exit = await RunAsync(input, "--preset", "whisper");

        Assert.Equal(2, exit);
        var line = Err.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)[0];
        Assert.Contains("Unknown --preset 'whisper': use one of openai-whisper, openai-gpt-4o-transcribe,", line);
        Assert.Contains("podcast-chapters", line);
    }

    [Fact]
    public async Task The_usage_text_lists_the_presets()
    {
        Assert.Equal(0, await CliDispatcher.RunAsync(StandaloneCli.Program, ["split", "--help"], Out, Err));

        Assert.Contains("--preset NAME", Out.ToString());
        Assert.Contains("openai-whisper, openai-gpt-4o-transcribe, groq-whisper", Out.ToString());
    }

    /// <summary>The sample rate and channel count in a canonical WAV header (bytes 22–27).</summary>
    private static (int Rate, int Channels) WavRateAndChannels(string path)
    {
        var header = new byte[28];
        using (var file = File.OpenRead(path))
        {
            file.ReadExactly(header);
        }

        return (BitConverter.ToInt32(header, 24), BitConverter.ToInt16(header, 22));
    }
}

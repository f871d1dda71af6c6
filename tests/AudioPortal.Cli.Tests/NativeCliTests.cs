namespace AudioPortal.Cli.Tests;

/// <summary>
/// The natively compiled <c>audioportal</c> behaves as the verbs do in-process: the same parts, byte for byte, the
/// same catalog errors and exit codes. (Reflection, trimming or configuration binding that only breaks natively
/// would show here.)
/// </summary>
public sealed class NativeCliTests(NativeCli native) : IClassFixture<NativeCli>, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("audioportal-native-test-").FullName;

    [Fact]
    public async Task Version_says_it_runs_natively()
    {
        var result = await native.RunAsync("version");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains($"AudioPortal {ProductVersion.Current}", result.Out);
        Assert.Contains(" (native)", result.Out);
    }

    [Fact]
    public async Task A_wav_split_gives_the_same_parts_as_the_verb_in_process()
    {
        var input = TestAudio.WriteWav(Path.Combine(_root, "talk.wav"), 5.5);

        await AssertSamePartsAsync(input, "--every", "2");
    }

    [Fact]
    public async Task A_flac_transcode_by_size_gives_the_same_parts_as_the_verb_in_process()
    {
        var input = TestAudio.WriteWav(Path.Combine(_root, "talk.wav"), 6);

        await AssertSamePartsAsync(input, "--max-size", "300KB", "--format", "flac");
    }

    [FfmpegFact]
    public async Task An_mp3_transcode_through_ffmpeg_gives_the_same_parts_as_the_verb_in_process()
    {
        var input = TestAudio.WriteWav(Path.Combine(_root, "talk.wav"), 4);

        var parts = await AssertSamePartsAsync(input, "--parts", "3", "--format", "mp3", "--parallel", "2");

        Assert.All(parts, p => Assert.Equal("", TestAudio.DecodeErrors(p)));
    }

    [Fact]
    public async Task A_file_that_is_not_audio_exits_1_with_the_catalog_code()
    {
        var input = Path.Combine(_root, "notes.mp3");
        await File.WriteAllTextAsync(input, "these are not the sounds you are looking for");

        var result = await native.RunAsync("split", input, "--parts", "2");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error: UNSUPPORTED_FORMAT:", result.Error);
    }

    [Fact]
    public async Task Bad_arguments_exit_2_with_the_usage()
    {
        var result = await native.RunAsync("split", "whatever.wav", "--every", "ten");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--every needs a number of seconds", result.Error);
        Assert.Contains("Usage: split", result.Error);
    }

    /// <summary>Splits natively into one folder and in-process into another; the files must be identical.</summary>
    private async Task<IReadOnlyList<string>> AssertSamePartsAsync(string input, params string[] options)
    {
        var nativeOut = Path.Combine(_root, "native");
        var inProcessOut = Path.Combine(_root, "in-process");
        var result = await native.RunAsync(["split", input, .. options, "--out", nativeOut]);
        Assert.True(result.ExitCode == 0, result.Error);
        var error = new StringWriter();
        Assert.Equal(0, await CliDispatcher.RunAsync(StandaloneCli.Program, ["split", input, .. options, "--out", inProcessOut], TextWriter.Null, error));

        var parts = Directory.GetFiles(nativeOut).Order().ToList();
        Assert.True(parts.Count > 1, "a split into more than one part");
        Assert.Equal(Directory.GetFiles(inProcessOut).Select(Path.GetFileName).Order(), parts.Select(Path.GetFileName));
        foreach (var part in parts)
        {
            var same = File.ReadAllBytes(part).SequenceEqual(File.ReadAllBytes(Path.Combine(inProcessOut, Path.GetFileName(part))));
            Assert.True(same, $"{Path.GetFileName(part)} differs between the native and the in-process split");
        }

        Assert.Contains($"Wrote {parts.Count} parts", result.Out);
        return parts;
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}

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

    [FfmpegFact]
    public async Task Sigterm_stops_a_transcode_its_ffmpeg_processes_and_leaves_no_files()
    {
        var input = TestAudio.WriteWav(Path.Combine(_root, "long.wav"), 300);
        var outDir = Path.Combine(_root, "out");
        using var split = native.Start("split", input, "--every", "60", "--format", "ogg", "--out", outDir, "--parallel", "2");
        var started = DateTime.UtcNow;
        while (!(Directory.Exists(outDir) && Directory.EnumerateFiles(outDir, "*.partial").Any()) && DateTime.UtcNow - started < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(50);
        }

        Assert.False(split.HasExited, "the split ended before it could be stopped");
        Assert.Equal(0, (await NativeCli.RunAsync("kill", TimeSpan.FromSeconds(10), "-TERM", split.Id.ToString())).ExitCode);
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await split.WaitForExitAsync(wait.Token);

        Assert.Equal(143, split.ExitCode);
        Assert.Empty(Directory.EnumerateFileSystemEntries(outDir));
        Assert.Empty(FfmpegProcessesWriting(outDir));
    }

    /// <summary>Processes whose command line names <paramref name="folder"/> (ffmpeg writing parts into it).</summary>
    private static List<string> FfmpegProcessesWriting(string folder) =>
        Directory.EnumerateDirectories("/proc").Select(d => Path.Combine(d, "cmdline"))
            .Select(f => { try { return File.ReadAllText(f).Replace('\0', ' '); } catch (IOException) { return ""; } catch (UnauthorizedAccessException) { return ""; } })
            .Where(cmd => cmd.Split(' ')[0].EndsWith("ffmpeg", StringComparison.Ordinal) && cmd.Contains(folder, StringComparison.Ordinal))
            .ToList();

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

        // The manifests were compared with the parts; the count is of the parts alone.
        parts = parts.Where(p => !Path.GetFileName(p).StartsWith("manifest.", StringComparison.Ordinal)).ToList();
        Assert.Contains($"Wrote {parts.Count} parts", result.Out);
        return parts;
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}

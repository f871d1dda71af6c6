namespace AudioPortal.Cli.Tests;

/// <summary><c>split</c> with silence-aware cuts, caps, overlap, names, fades and dry runs, driven like a user would.</summary>
public sealed class SmartSplitVerbTests() : SplitVerbSession("smart")
{
    // 40 s of tone bursts with gaps of 0.2–0.9 s.
    private static readonly double[] Pattern =
        [3.1, 0.5, 2.2, 0.2, 4.0, 0.7, 1.9, 0.9, 3.3, 0.4, 2.8, 0.35, 5.1, 0.6, 2.4, 0.8, 3.6, 0.5, 4.0, 0.45, 2.7];

    private string Talk()
    {
        var path = Path.Combine(Root, "talk.wav");
        BurstWav.Write(path, Pattern);
        return path;
    }

    [Fact]
    public async Task A_silence_split_under_a_cap_with_overlap_writes_parts_and_a_manifest_of_their_offsets()
    {
        var exit = await RunAsync(Talk(), "--every", "8", "--cut-at", "silence", "--max-duration", "8.5", "--overlap", "0.5",
            "--search-window", "3", "--out", OutDir);

        Assert.True(exit == 0, Err.ToString());
        var parts = ManifestParts();
        Assert.Equal(Directory.GetFiles(OutDir, "*.wav").Length, parts.Count);
        Assert.Contains(parts, p => p.GetProperty("cutReason").GetString() == "silence");
        Assert.All(parts, p => Assert.True(p.GetProperty("endSample").GetInt64() - p.GetProperty("startSample").GetInt64() <= 8.5 * 44100));
        for (var i = 1; i < parts.Count; i++)
        {
            Assert.Equal(parts[i - 1].GetProperty("endSample").GetInt64() - 22050, parts[i].GetProperty("startSample").GetInt64());
        }

        Assert.Contains("silence", Out.ToString()); // the plan shows each cut's reason
        Assert.Contains("with manifest.json and manifest.cue", Out.ToString());
        Assert.True(File.Exists(Path.Combine(OutDir, "manifest.cue")));
    }

    [Fact]
    public async Task A_dry_run_prints_the_plan_and_the_manifest_and_writes_nothing()
    {
        var exit = await RunAsync(Talk(), "--max-duration", "10", "--cut-at", "silence", "--dry-run", "--out", OutDir);

        Assert.True(exit == 0, Err.ToString());
        var printed = Out.ToString();
        Assert.Contains("Plan: ", printed);
        Assert.Contains("\"cutReason\"", printed);
        Assert.Contains("\"startSample\"", printed);
        Assert.Contains("Dry run: nothing was written.", printed);
        Assert.False(Directory.Exists(OutDir));
    }

    [Fact]
    public async Task Parts_are_named_by_the_template()
    {
        var exit = await RunAsync(Talk(), "--parts", "2", "--name", "{n:02} of {N} - {name} @ {start}", "--out", OutDir);

        Assert.True(exit == 0, Err.ToString());
        Assert.Equal(["01 of 2 - talk @ 00-00-00.wav", "02 of 2 - talk @ 00-00-20.wav"],
            Directory.GetFiles(OutDir, "*.wav").Select(Path.GetFileName).Order());
        Assert.Equal("02 of 2 - talk @ 00-00-20.wav", ManifestParts()[1].GetProperty("file").GetString());
    }

    [Fact]
    public async Task A_fade_on_a_lossless_copy_is_refused_with_the_catalog_code()
    {
        var exit = await RunAsync(Talk(), "--parts", "2", "--fade", "50", "--out", OutDir);

        Assert.Equal(1, exit);
        Assert.Contains("INVALID_PARAMS", Err.ToString());
        Assert.Contains("fadeMs applies only to transcoded parts", Err.ToString());
    }

    [Fact]
    public async Task A_size_cap_and_a_duration_cap_both_hold()
    {
        var exit = await RunAsync(Talk(), "--max-duration", "6", "--max-size", "700KB", "--out", OutDir);

        Assert.True(exit == 0, Err.ToString());
        Assert.All(Directory.GetFiles(OutDir, "*.wav"), f => Assert.InRange(new FileInfo(f).Length, 1, 700_000));
        Assert.All(ManifestParts(), p => Assert.True(p.GetProperty("endSample").GetInt64() - p.GetProperty("startSample").GetInt64() <= 6 * 44100));
    }
}

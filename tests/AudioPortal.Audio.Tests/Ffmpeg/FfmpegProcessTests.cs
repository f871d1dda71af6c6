using System.Diagnostics;
using AudioPortal.Audio.Ffmpeg;
using AudioPortal.Audio.Tests.TestAudio;
using AudioPortal.TestSupport;

namespace AudioPortal.Audio.Tests.Ffmpeg;

public sealed class FfmpegProcessTests
{
    [Fact]
    public async Task A_missing_executable_is_reported_as_not_started_rather_than_thrown()
    {
        var run = await FfmpegProcess.RunAsync("/nonexistent/ffmpeg", ["-version"], null, CancellationToken.None);

        Assert.Null(run);
    }

    [FfmpegFact]
    public async Task A_failing_run_gives_its_exit_code_and_the_reason_from_stderr()
    {
        var run = await FfmpegProcess.RunAsync("ffmpeg", ["-v", "error", "-i", "/nonexistent/input; rm -rf /tmp/x.wav", "-f", "null", "-"], null, CancellationToken.None);

        Assert.NotNull(run);
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("No such file or directory", run.LastError);
        Assert.Contains("/nonexistent/input; rm -rf /tmp/x.wav", run.LastError); // one argument, never a shell string
    }

    [FfmpegFact]
    public async Task Stdout_arrives_line_by_line_and_stderr_keeps_only_its_tail()
    {
        var lines = new List<string>();
        // -loglevel debug on a 20 s input writes far more than the kept tail to stderr.
        var run = await FfmpegProcess.RunAsync("ffmpeg",
            ["-loglevel", "debug", "-f", "lavfi", "-i", "sine=d=20", "-progress", "pipe:1", "-f", "null", "-"], lines.Add, CancellationToken.None);

        Assert.Equal(0, run?.ExitCode);
        Assert.Contains("progress=end", lines);
        Assert.InRange(run!.ErrorTail.Length, 1, 4096);
    }

    [FfmpegFact]
    public async Task Cancelling_kills_the_process_and_throws()
    {
        var marker = "sine=f=441:d=3600";
        using var cts = new CancellationTokenSource();
        var started = new TaskCompletionSource();
        var watch = Stopwatch.StartNew();

        // -re makes ffmpeg run in real time: an hour unless killed.
        var run = FfmpegProcess.RunAsync("ffmpeg", ["-re", "-f", "lavfi", "-i", marker, "-progress", "pipe:1", "-f", "null", "-"],
            _ => started.TrySetResult(), cts.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.NotEmpty(DecodedAudio.ChildFfmpegProcesses(marker));
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Empty(DecodedAudio.ChildFfmpegProcesses(marker));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task A_run_past_its_time_limit_is_killed_with_its_children_and_reported_as_timed_out()
    {
        using var hung = FakeTool.Hanging();
        var watch = Stopwatch.StartNew();

        var run = await FfmpegProcess.RunAsync(hung.Path, [], null, CancellationToken.None, TimeSpan.FromMilliseconds(500))
            .WaitAsync(TimeSpan.FromSeconds(20));

        Assert.NotNull(run);
        Assert.True(run.TimedOut);
        Assert.False(run.Succeeded);
        Assert.False(hung.ChildAlive());
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_hung_ffprobe_is_stopped_at_the_probe_timeout_and_the_probe_fails_with_PROCESSING_TIMEOUT()
    {
        using var hung = FakeTool.Hanging();
        var file = Path.Combine(Path.GetDirectoryName(hung.Path)!, "song.flac");
        await File.WriteAllBytesAsync(file, [.. "fLaC"u8, .. new byte[4096]]);
        var engine = new AudioEngine(new AudioEngineOptions { FfprobePath = hung.Path, ProbeTimeout = TimeSpan.FromMilliseconds(500) });

        var probe = await engine.ProbeAsync(file).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(AudioErrorCodes.ProcessingTimeout, probe.Error?.Code);
        Assert.False(hung.ChildAlive());
    }
}

using AudioPortal.Audio;
using AudioPortal.Core.Splits;
using AudioPortal.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace AudioPortal.Core.Tests.Splits;

public sealed class JobProcessorTests
{
    private static SplitsTestServices WithFfmpeg(string ffmpegPath, Action<SplitsOptions> configure) =>
        new(configure, s => s.AddSingleton(new AudioEngine(new AudioEngineOptions { FfmpegPath = ffmpegPath })));

    /// <summary>A 5 s WAV upload to be split into mp3 parts: the engine must run ffmpeg for it.</summary>
    private static async Task<string> QueueTranscodeAsync(SplitsTestServices services, string accountId)
    {
        await using var scope = services.ScopeFor(accountId);
        var staging = scope.ServiceProvider.GetRequiredService<UploadStaging>();
        var splits = scope.ServiceProvider.GetRequiredService<SplitCreation>();
        var upload = await staging.StageUploadAsync("tone.wav", new MemoryStream(TestWav.Sine(5)), CancellationToken.None);
        var created = await splits.CreateAsync(new CreateSplitRequest { SegmentDuration = 2, OutputFormat = "mp3" }, upload.Value, null, CancellationToken.None);
        Assert.True(created.IsSuccess, created.Error?.ToString());
        return created.Value.Job.Id;
    }

    [Fact]
    public async Task A_job_that_finds_ffmpeg_missing_is_queued_again_with_its_reason_after_a_backoff_and_fails_only_at_the_attempt_cap()
    {
        await using var services = WithFfmpeg("/nonexistent/ffmpeg", o =>
        {
            o.MaxAttempts = 2;
            o.RetryBackoff = TimeSpan.FromMinutes(1);
        });
        var account = await services.NewAccountAsync();
        var jobId = await QueueTranscodeAsync(services, account);
        var worker = services.Provider.GetRequiredService<JobWorker>();

        Assert.True(await worker.RunOnceAsync(CancellationToken.None));
        await using (var scope = services.ScopeFor(account))
        {
            var view = (await scope.ServiceProvider.GetRequiredService<SplitManagement>().GetAsync(jobId, CancellationToken.None)).Value;
            Assert.Equal(JobStatus.Queued, view.Status);
            Assert.Equal("SERVICE_UNAVAILABLE", view.Error?.Code);
            Assert.Contains("ffmpeg", view.Error!.Message);
            Assert.Contains("Will try again after", view.Error.Message);
        }

        Assert.False(await worker.RunOnceAsync(CancellationToken.None)); // still backing off
        services.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        Assert.True(await worker.RunOnceAsync(CancellationToken.None));

        var job = await services.LoadAsync(jobId);
        Assert.Equal(JobStatus.Failed, job.Status);
        Assert.Equal("SERVICE_UNAVAILABLE", job.ErrorCode);
        Assert.Contains("Gave up after 2 attempts", job.ErrorMessage);
        Assert.Equal(2, job.Attempts);
        Assert.False(await worker.RunOnceAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_job_that_fills_the_disk_is_queued_again_rather_than_failed()
    {
        using var ffmpeg = FakeTool.DiskFull();
        await using var services = WithFfmpeg(ffmpeg.Path, _ => { });
        var account = await services.NewAccountAsync();
        var jobId = await QueueTranscodeAsync(services, account);

        Assert.True(await services.Provider.GetRequiredService<JobWorker>().RunOnceAsync(CancellationToken.None));

        var job = await services.LoadAsync(jobId);
        Assert.Equal(JobStatus.Queued, job.Status);
        Assert.Equal("SERVICE_UNAVAILABLE", job.ErrorCode);
        Assert.Contains("disk space", job.ErrorMessage);
        Assert.True(job.RetryAt > services.Clock.GetUtcNow());
    }

    [Fact]
    public async Task A_hung_ffmpeg_is_killed_at_the_jobs_processing_deadline_and_the_job_fails_with_PROCESSING_TIMEOUT()
    {
        using var ffmpeg = FakeTool.Hanging();
        await using var services = WithFfmpeg(ffmpeg.Path, o =>
        {
            o.ProcessingDeadlineBase = TimeSpan.FromSeconds(30);
            o.ProcessingDeadlinePerAudioMinute = TimeSpan.FromSeconds(60);
        });
        var account = await services.NewAccountAsync();
        var jobId = await QueueTranscodeAsync(services, account);

        var run = services.Provider.GetRequiredService<JobWorker>().RunOnceAsync(CancellationToken.None);
        await ffmpeg.WaitStartedAsync(TimeSpan.FromSeconds(20));
        Assert.True(ffmpeg.ChildAlive());
        services.Clock.Advance(TimeSpan.FromSeconds(34)); // 30 s + 5 s of audio at 60 s per minute = 35 s: not yet
        await Task.Delay(200);
        Assert.Equal(JobStatus.Processing, (await services.LoadAsync(jobId)).Status);
        services.Clock.Advance(TimeSpan.FromSeconds(2));

        Assert.True(await run.WaitAsync(TimeSpan.FromSeconds(20)));
        var job = await services.LoadAsync(jobId);
        Assert.Equal(JobStatus.Failed, job.Status);
        Assert.Equal("PROCESSING_TIMEOUT", job.ErrorCode);
        Assert.False(ffmpeg.ChildAlive());
        Assert.Empty(Directory.GetFiles(services.Options.WorkDirectory, "*", SearchOption.AllDirectories));
    }
}

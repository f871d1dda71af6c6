using AudioPortal.Core.Sources;
using AudioPortal.Core.Splits;
using Microsoft.Extensions.DependencyInjection;
using AudioPortal.Core.Tests.Sources;

namespace AudioPortal.Core.Tests.Splits;

public sealed class JobWorkerTests
{
    private static async Task<string> QueueAsync(SplitsTestServices services, string accountId, string? url)
    {
        await using var scope = services.ScopeFor(accountId);
        var staging = scope.ServiceProvider.GetRequiredService<UploadStaging>();
        var splits = scope.ServiceProvider.GetRequiredService<SplitCreation>();
        var upload = url is null ? (await staging.StageUploadAsync("tone.wav", new MemoryStream(TestWav.Sine(3)), CancellationToken.None)).Value : null;
        var created = await splits.CreateAsync(new CreateSplitRequest { SourceUrl = url, SegmentDuration = 1 }, upload, null, CancellationToken.None);
        Assert.True(created.IsSuccess, created.Error?.ToString());
        services.Clock.Advance(TimeSpan.FromSeconds(1));
        return created.Value.Job.Id;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        while (!await condition() && DateTime.UtcNow < until)
        {
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task A_slow_loris_source_fails_with_DOWNLOAD_FAILED_quickly_and_the_worker_takes_the_next_job()
    {
        await using var loris = new TricklingHttpServer(1, TimeSpan.FromMilliseconds(100));
        await using var services = new SplitsTestServices(overrides: s =>
        {
            s.AddSingleton<TimeProvider>(TimeProvider.System);
            s.AddSingleton(new SourcesOptions { AllowPrivateNetworks = true, MinBytesPerSecond = 1000, ThroughputWindow = TimeSpan.FromMilliseconds(500) });
        });
        var slowAccount = await services.NewAccountAsync();
        var otherAccount = await services.NewAccountAsync();
        var slowJob = await QueueAsync(services, slowAccount, loris.Url);
        var otherJob = await QueueAsync(services, otherAccount, null);
        var worker = services.Provider.GetRequiredService<JobWorker>();

        Assert.True(await worker.RunOnceAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)));
        var failed = await services.LoadAsync(slowJob);
        Assert.Equal(JobStatus.Failed, failed.Status);
        Assert.Equal("DOWNLOAD_FAILED", failed.ErrorCode);
        await WaitUntilAsync(() => Task.FromResult(loris.OpenConnections == 0), TimeSpan.FromSeconds(5));
        Assert.Equal(0, loris.OpenConnections);

        Assert.True(await worker.RunOnceAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal(JobStatus.Completed, (await services.LoadAsync(otherJob)).Status);
    }

    [Fact]
    public async Task One_account_with_a_backlog_of_slow_jobs_leaves_a_worker_for_another_accounts_job()
    {
        // The loris never finishes: the fake clock never reaches a download limit, so the heavy jobs hold whatever worker they get.
        await using var loris = new TricklingHttpServer(1, TimeSpan.FromMilliseconds(200));
        await using var services = new SplitsTestServices(o => o.Workers = 2);
        var heavy = await services.NewAccountAsync("plan_pro");
        var light = await services.NewAccountAsync();
        var backlog = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            backlog.Add(await QueueAsync(services, heavy, loris.Url));
        }

        var worker = services.Provider.GetRequiredService<JobWorker>();
        using var stopping = new CancellationTokenSource();
        var running = worker.RunAsync(stopping.Token);
        await WaitUntilAsync(async () => (await services.LoadAsync(backlog[0])).Status == JobStatus.Processing, TimeSpan.FromSeconds(10));
        var single = await QueueAsync(services, light, null);
        services.Provider.GetRequiredService<JobSignal>().Notify();

        await WaitUntilAsync(async () => (await services.LoadAsync(single)).Status == JobStatus.Completed, TimeSpan.FromSeconds(20));
        var heavyStates = (await Task.WhenAll(backlog.Select(services.LoadAsync))).Select(j => j.Status).ToList();
        await stopping.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(JobStatus.Completed, (await services.LoadAsync(single)).Status);
        Assert.Equal(1, heavyStates.Count(s => s == JobStatus.Processing));
        Assert.Equal(2, heavyStates.Count(s => s == JobStatus.Queued));
        Assert.All(await Task.WhenAll(backlog.Select(services.LoadAsync)), j => Assert.Equal(JobStatus.Queued, j.Status));
    }
}

using AudioPortal.Core.Admin;
using AudioPortal.Core.Data;
using AudioPortal.Core.Splits;
using AudioPortal.Core.Tests.Splits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AudioPortal.Core.Tests.Admin;

/// <summary>The queue page's read model over real jobs, on each database engine.</summary>
public abstract class AdminQueueViewTests(TestEngine engine)
{
    public sealed class OnSqlite() : AdminQueueViewTests(TestEngine.Sqlite);

    public sealed class OnPostgres() : AdminQueueViewTests(TestEngine.Postgres), IOnPostgres;

    [DatabaseFact]
    public async Task It_lists_running_jobs_by_worker_waiting_jobs_wait_times_and_failures_by_code_within_the_window()
    {
        await using var services = new SplitsTestServices(engine: engine);
        var busy = await services.NewAccountAsync("plan_pro");
        var held = await services.NewAccountAsync();
        var jobs = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            jobs.Add(await QueueAsync(services, busy));
        }

        await QueueAsync(services, held);
        await UpdateAsync(services, db => db.Users.Where(a => a.Id == held).ExecuteUpdateAsync(s => s.SetProperty(a => a.DisabledAt, services.Clock.GetUtcNow())));
        services.Clock.Advance(TimeSpan.FromSeconds(30));
        var queue = services.Provider.GetRequiredService<JobQueue>();
        var first = await queue.ClaimNextAsync(CancellationToken.None);
        var second = await queue.ClaimNextAsync(CancellationToken.None);
        await Fail(services, second!.JobId, "CORRUPT_FILE");
        var third = await queue.ClaimNextAsync(CancellationToken.None);
        await Fail(services, third!.JobId, "CORRUPT_FILE");
        services.Clock.Advance(TimeSpan.FromDays(2));
        var old = await queue.ClaimNextAsync(CancellationToken.None);
        await Fail(services, old!.JobId, "DOWNLOAD_FAILED");
        services.Clock.Advance(TimeSpan.FromDays(2));

        var snapshot = await SnapshotAsync(services);

        var running = Assert.Single(snapshot.Running);
        Assert.Equal(first!.JobId, running.JobId);
        Assert.Equal(first.Token[..16] + "/" + first.Token[16..32], running.Worker);
        Assert.Equal(1, snapshot.Queued);
        Assert.Equal(1, snapshot.QueuedOfDisabledAccounts);
        Assert.Null(snapshot.OldestQueuedWait); // the only waiting job is held, not waiting for a worker
        Assert.Equal(new Dictionary<string, int>(), snapshot.FailuresByCode); // two and four days old: outside the 24 h window
        Assert.Equal(0, snapshot.Waits.Started);

        var wide = await SnapshotAsync(services, TimeSpan.FromDays(10));
        Assert.Equal(new Dictionary<string, int> { ["CORRUPT_FILE"] = 2, ["DOWNLOAD_FAILED"] = 1 }, wide.FailuresByCode);
        Assert.Equal(old.JobId, wide.RecentFailures[0].JobId);
        Assert.Equal(4, wide.Waits.Started);
        Assert.True(wide.Waits.Longest > TimeSpan.FromDays(2), $"longest wait {wide.Waits.Longest}");
    }

    private static async Task<string> QueueAsync(SplitsTestServices services, string accountId)
    {
        await using var scope = services.ScopeFor(accountId);
        var created = await scope.ServiceProvider.GetRequiredService<SplitCreation>().CreateAsync(
            new CreateSplitRequest { SourceUrl = "http://127.0.0.1:9/a.mp3", SegmentDuration = 5 }, null, null, CancellationToken.None);
        Assert.True(created.IsSuccess, created.Error?.ToString());
        return created.Value.Job.Id;
    }

    private static Task Fail(SplitsTestServices services, string jobId, string code) =>
        UpdateAsync(services, db => db.Set<SplitJob>().IgnoreQueryFilters().Where(j => j.Id == jobId).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Status, JobStatus.Failed).SetProperty(j => j.ErrorCode, code).SetProperty(j => j.CompletedAt, services.Clock.GetUtcNow())));

    private static async Task UpdateAsync(SplitsTestServices services, Func<AppDbContext, Task<int>> update)
    {
        await using var scope = services.Provider.CreateAsyncScope();
        await update(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    private static async Task<QueueSnapshot> SnapshotAsync(SplitsTestServices services, TimeSpan? window = null)
    {
        await using var scope = services.Provider.CreateAsyncScope();
        var options = new AdminOptions { StatsWindow = window ?? TimeSpan.FromHours(24) };
        return await new AdminQueueView(scope.ServiceProvider.GetRequiredService<AppDbContext>(), options, services.Clock).GetAsync();
    }
}

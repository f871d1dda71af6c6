using AudioPortal.Core.Billing;
using AudioPortal.Core.Splits;
using AudioPortal.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AudioPortal.Core.Tests.Splits;

/// <summary>The queue's claims, caps, leases and sweeps, on each database engine (<see cref="OnSqlite"/>, <see cref="OnPostgres"/>).</summary>
public abstract class JobQueueTests(TestEngine engine)
{
    public sealed class OnSqlite() : JobQueueTests(TestEngine.Sqlite);

    public sealed class OnPostgres() : JobQueueTests(TestEngine.Postgres), IOnPostgres;

    private SplitsTestServices NewServices(Action<SplitsOptions>? configure = null) => new(configure, engine: engine);

    private static async Task<string> QueueUrlJobAsync(SplitsTestServices services, string accountId)
    {
        await using var scope = services.ScopeFor(accountId);
        var created = await scope.ServiceProvider.GetRequiredService<SplitCreation>().CreateAsync(
            new CreateSplitRequest { SourceUrl = "http://127.0.0.1:9/a.mp3", SegmentDuration = 5 }, null, null, CancellationToken.None);
        Assert.True(created.IsSuccess, created.Error?.ToString());
        services.Clock.Advance(TimeSpan.FromSeconds(1));
        return created.Value.Job.Id;
    }

    [DatabaseFact]
    public async Task Jobs_over_the_plans_concurrent_cap_wait_in_order_while_other_accounts_go_ahead()
    {
        await using var services = NewServices();
        var busy = await services.NewAccountAsync();
        var other = await services.NewAccountAsync();
        var busyJobs = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            busyJobs.Add(await QueueUrlJobAsync(services, busy));
        }

        var otherJob = await QueueUrlJobAsync(services, other);
        var queue = services.Provider.GetRequiredService<JobQueue>();

        var claims = new List<JobClaim?>();
        for (var i = 0; i < 4; i++)
        {
            claims.Add(await queue.ClaimNextAsync(CancellationToken.None));
        }

        // Fair order: the account with fewer jobs running goes first; the busy account's third job waits for its cap.
        Assert.Equal([busyJobs[0], otherJob, busyJobs[1], null], claims.Select(c => c?.JobId));
        Assert.Equal("queued", (await services.LoadAsync(busyJobs[2])).Status);
    }

    [DatabaseFact]
    public async Task Concurrent_claims_never_hand_out_the_same_job_twice()
    {
        await using var services = NewServices();
        var account = await services.NewAccountAsync("plan_pro");
        for (var i = 0; i < 6; i++)
        {
            await QueueUrlJobAsync(services, account);
        }

        var queue = services.Provider.GetRequiredService<JobQueue>();
        var claims = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(() => queue.ClaimNextAsync(CancellationToken.None))));

        var won = claims.Where(c => c is not null).Select(c => c!.JobId).ToList();
        Assert.Equal(6, won.Count);
        Assert.Equal(6, won.Distinct().Count());
    }

    [DatabaseFact]
    public async Task Concurrent_claims_never_run_more_of_one_accounts_jobs_than_its_plan_allows()
    {
        await using var services = NewServices();
        var account = await services.NewAccountAsync(); // the free plan: 2 jobs at once
        for (var i = 0; i < 8; i++)
        {
            await QueueUrlJobAsync(services, account);
        }

        // Separate queues as separate worker processes would have; each claimer tries several times.
        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            var queue = services.Provider.GetRequiredService<JobQueue>();
            var won = new List<JobClaim>();
            for (var attempt = 0; attempt < 3; attempt++)
            {
                if (await queue.ClaimNextAsync(CancellationToken.None) is { } claim)
                {
                    won.Add(claim);
                }
            }

            return won;
        })));

        Assert.Equal(2, claims.Sum(c => c.Count));
    }

    [DatabaseFact]
    public async Task Claims_that_meet_on_different_jobs_of_one_account_still_hold_its_cap_round_after_round()
    {
        // Every claimer starts at the same instant on its own job (the candidates are the same, so they race for
        // different ones once the first is taken): the cap must hold however their statements interleave.
        await using var services = NewServices();
        var account = await services.NewAccountAsync(); // the free plan: 2 jobs at once
        for (var i = 0; i < 12; i++)
        {
            await QueueUrlJobAsync(services, account);
        }

        for (var round = 0; round < 6; round++)
        {
            using var start = new Barrier(12);
            var claims = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(async () =>
            {
                var queue = services.Provider.GetRequiredService<JobQueue>();
                start.SignalAndWait();
                return await queue.ClaimNextAsync(CancellationToken.None);
            })));

            var won = claims.OfType<JobClaim>().ToList();
            Assert.Equal(2, won.Count);
            var queueToReturn = services.Provider.GetRequiredService<JobQueue>();
            foreach (var claim in won)
            {
                await queueToReturn.ReturnAsync(claim);
            }
        }
    }

    [DatabaseFact]
    public async Task A_job_whose_worker_died_is_taken_back_after_its_lease_and_completes_exactly_once()
    {
        await using var services = NewServices(o => o.LeaseDuration = TimeSpan.FromMinutes(1));
        var account = await services.NewAccountAsync();
        string jobId;
        await using (var scope = services.ScopeFor(account))
        {
            var staging = scope.ServiceProvider.GetRequiredService<UploadStaging>();
            var splits = scope.ServiceProvider.GetRequiredService<SplitCreation>();
            var upload = await staging.StageUploadAsync("tone.wav", new MemoryStream(TestWav.Sine(5)), CancellationToken.None);
            var created = await splits.CreateAsync(new CreateSplitRequest { SegmentDuration = 2 }, upload.Value, null, CancellationToken.None);
            Assert.True(created.IsSuccess, created.Error?.ToString());
            jobId = created.Value.Job.Id;
        }

        var queue = services.Provider.GetRequiredService<JobQueue>();
        var recovery = services.Provider.GetRequiredService<JobRecovery>();
        var worker = services.Provider.GetRequiredService<JobWorker>();
        var dead = await queue.ClaimNextAsync(CancellationToken.None);
        Assert.Equal(jobId, dead?.JobId);
        Assert.False(await worker.RunOnceAsync(CancellationToken.None));
        Assert.Empty(await recovery.RequeueExpiredAsync(CancellationToken.None));

        services.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        Assert.Equal([jobId], await recovery.RequeueExpiredAsync(CancellationToken.None));
        Assert.True(await worker.RunOnceAsync(CancellationToken.None));

        // The dead worker comes back and tries to finish: its claim no longer holds.
        var completion = services.Provider.GetRequiredService<JobCompletion>();
        var plan = services.Provider.GetRequiredService<PlanCatalog>().Free;
        Assert.False(await completion.CompleteAsync(dead!, [new Segment { JobId = jobId, Index = 0, BlobKey = "x", FileName = "x", Sha256 = "x" }], plan, CancellationToken.None));
        Assert.False(await completion.FailAsync(dead!, Core.Errors.ErrorCatalog.InternalError.ToError()));
        Assert.False(await queue.RenewAsync(dead!, CancellationToken.None));

        var job = await services.LoadAsync(jobId);
        Assert.Equal(JobStatus.Completed, job.Status);
        Assert.Equal(2, job.Attempts);
        Assert.Equal([0, 1, 2], job.Segments.Select(s => s.Index).Order());
        Assert.All(job.Segments, s => Assert.True(services.Store.Exists(s.BlobKey)));
        var partFiles = Directory.GetFiles(Path.Combine(services.BlobRoot, BlobKeys.JobFolder(account, jobId), "parts"), "*", SearchOption.AllDirectories);
        // Only the winning attempt's folder: its three parts beside its manifest.json and manifest.cue.
        Assert.Equal(5, partFiles.Length);
        Assert.Single(partFiles.Select(Path.GetDirectoryName).Distinct());
        Assert.Equal([StoredManifests.Cue, StoredManifests.Json], partFiles.Select(Path.GetFileName).Where(n => n!.StartsWith("manifest.", StringComparison.Ordinal)).Order());
    }

    [DatabaseFact]
    public async Task Shutting_down_mid_job_returns_it_to_the_queue_instead_of_failing_it()
    {
        await using var services = NewServices();
        var account = await services.NewAccountAsync();
        var jobId = await QueueUrlJobAsync(services, account);
        var queue = services.Provider.GetRequiredService<JobQueue>();
        var claim = await queue.ClaimNextAsync(CancellationToken.None);

        using var stopping = new CancellationTokenSource();
        await stopping.CancelAsync();
        await services.Provider.GetRequiredService<JobProcessor>().ProcessAsync(claim!, stopping.Token);

        var job = await services.LoadAsync(jobId);
        Assert.Equal(JobStatus.Queued, job.Status);
        Assert.Null(job.LeaseToken);
        Assert.Null(job.ErrorCode);
        Assert.Equal(0, job.Attempts); // a restart does not use up the attempt cap
        Assert.Equal(jobId, (await queue.ClaimNextAsync(CancellationToken.None))?.JobId);
    }

    [DatabaseFact]
    public async Task An_accounts_backlog_does_not_make_another_accounts_single_job_wait_for_it_to_drain()
    {
        await using var services = NewServices();
        var heavy = await services.NewAccountAsync("plan_pro");
        var light = await services.NewAccountAsync();
        var backlog = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            backlog.Add(await QueueUrlJobAsync(services, heavy));
        }

        var single = await QueueUrlJobAsync(services, light);
        var queue = services.Provider.GetRequiredService<JobQueue>();

        var first = await queue.ClaimNextAsync(CancellationToken.None);
        var second = await queue.ClaimNextAsync(CancellationToken.None);

        Assert.Equal(backlog[0], first?.JobId);
        Assert.Equal(single, second?.JobId);
        Assert.Equal(4, (await Task.WhenAll(backlog.Skip(1).Select(services.LoadAsync))).Count(j => j.Status == JobStatus.Queued));
    }

    [DatabaseFact]
    public async Task A_disabled_accounts_queued_jobs_are_not_claimed_until_it_is_enabled_again()
    {
        await using var services = NewServices();
        var account = await services.NewAccountAsync();
        var job = await QueueUrlJobAsync(services, account);
        var queue = services.Provider.GetRequiredService<JobQueue>();
        await SetDisabledAsync(services, account, services.Clock.GetUtcNow());

        Assert.Null(await queue.ClaimNextAsync(CancellationToken.None));
        Assert.Equal(JobStatus.Queued, (await services.LoadAsync(job)).Status);

        await SetDisabledAsync(services, account, null);
        Assert.Equal(job, (await queue.ClaimNextAsync(CancellationToken.None))?.JobId);
    }

    private static async Task SetDisabledAsync(SplitsTestServices services, string accountId, DateTimeOffset? at)
    {
        await using var scope = services.Provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Core.Data.AppDbContext>().Users.Where(a => a.Id == accountId)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.DisabledAt, at));
    }

    [DatabaseFact]
    public async Task A_claim_skips_the_accounts_this_server_has_given_its_share_of_workers()
    {
        await using var services = NewServices();
        var heavy = await services.NewAccountAsync("plan_pro");
        var light = await services.NewAccountAsync();
        await QueueUrlJobAsync(services, heavy);
        var single = await QueueUrlJobAsync(services, light);
        var queue = services.Provider.GetRequiredService<JobQueue>();

        Assert.Equal(single, (await queue.ClaimNextAsync([heavy], CancellationToken.None))?.JobId);
        Assert.Null(await queue.ClaimNextAsync([heavy], CancellationToken.None));
    }

    [DatabaseFact]
    public async Task A_restarted_node_takes_back_its_earlier_process_jobs_at_once_but_waits_out_other_nodes_leases()
    {
        await using var services = NewServices(o => o.LeaseDuration = TimeSpan.FromMinutes(2));
        var account = await services.NewAccountAsync();
        var jobId = await QueueUrlJobAsync(services, account);
        var crashed = services.Provider.GetRequiredService<WorkerIdentity>();
        Assert.NotNull(await services.Provider.GetRequiredService<JobQueue>().ClaimNextAsync(CancellationToken.None));

        // Another server, or a second process on the same data folder (it has a node id of its own), must wait for the lease.
        var otherNode = ActivatorUtilities.CreateInstance<JobRecovery>(services.Provider, WorkerIdentity.Ephemeral());
        Assert.Empty(await otherNode.RequeueExpiredAsync(CancellationToken.None));

        // The same node started again: same node id, a new process id.
        var restarted = ActivatorUtilities.CreateInstance<JobRecovery>(services.Provider, new WorkerIdentity(crashed.NodeId));
        Assert.Equal([jobId], await restarted.RequeueExpiredAsync(CancellationToken.None));
    }

    [DatabaseFact]
    public async Task A_process_never_takes_back_the_leases_it_holds_itself_before_they_expire()
    {
        await using var services = NewServices(o => o.LeaseDuration = TimeSpan.FromMinutes(2));
        var account = await services.NewAccountAsync();
        await QueueUrlJobAsync(services, account);
        var claim = await services.Provider.GetRequiredService<JobQueue>().ClaimNextAsync(CancellationToken.None);

        Assert.StartsWith(services.Provider.GetRequiredService<WorkerIdentity>().ProcessPrefix, claim!.Token);
        Assert.Empty(await services.Provider.GetRequiredService<JobRecovery>().RequeueExpiredAsync(CancellationToken.None));
    }

    [DatabaseFact]
    public async Task A_job_whose_worker_died_at_the_attempt_cap_fails_instead_of_being_queued_again()
    {
        await using var services = NewServices(o =>
        {
            o.LeaseDuration = TimeSpan.FromMinutes(1);
            o.MaxAttempts = 2;
        });
        var account = await services.NewAccountAsync();
        var jobId = await QueueUrlJobAsync(services, account);
        var queue = services.Provider.GetRequiredService<JobQueue>();
        var recovery = services.Provider.GetRequiredService<JobRecovery>();

        Assert.NotNull(await queue.ClaimNextAsync(CancellationToken.None));
        services.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal([jobId], await recovery.RequeueExpiredAsync(CancellationToken.None));

        Assert.NotNull(await queue.ClaimNextAsync(CancellationToken.None));
        services.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Empty(await recovery.RequeueExpiredAsync(CancellationToken.None));

        var job = await services.LoadAsync(jobId);
        Assert.Equal(JobStatus.Failed, job.Status);
        Assert.Equal("ATTEMPTS_EXHAUSTED", job.ErrorCode);
        Assert.Equal(2, job.Attempts);
        Assert.Null(job.LeaseToken);
        Assert.Null(await queue.ClaimNextAsync(CancellationToken.None));
    }

    [DatabaseFact]
    public async Task The_sweeper_removes_files_past_retention_and_the_job_then_lists_no_segments()
    {
        await using var services = NewServices();
        var account = await services.NewAccountAsync();
        string jobId;
        await using (var scope = services.ScopeFor(account))
        {
            var staging = scope.ServiceProvider.GetRequiredService<UploadStaging>();
            var splits = scope.ServiceProvider.GetRequiredService<SplitCreation>();
            var upload = await staging.StageUploadAsync("tone.wav", new MemoryStream(TestWav.Sine(3)), CancellationToken.None);
            jobId = (await splits.CreateAsync(new CreateSplitRequest { SegmentDuration = 2 }, upload.Value, null, CancellationToken.None)).Value.Job.Id;
        }

        Assert.True(await services.Provider.GetRequiredService<JobWorker>().RunOnceAsync(CancellationToken.None));
        services.Clock.Advance(TimeSpan.FromHours(25));
        await services.Provider.GetRequiredService<RetentionSweeper>().SweepAsync(CancellationToken.None);

        Assert.False(Directory.Exists(Path.Combine(services.BlobRoot, BlobKeys.JobFolder(account, jobId))));
        await using (var scope = services.ScopeFor(account))
        {
            var view = (await scope.ServiceProvider.GetRequiredService<SplitManagement>().GetAsync(jobId, CancellationToken.None)).Value;
            Assert.Equal(JobStatus.Completed, view.Status);
            Assert.Empty(view.Segments);
            Assert.Null(view.ArchiveUrl);
            Assert.True(view.FilesExpireAt < services.Clock.GetUtcNow());
        }

        services.Clock.Advance(TimeSpan.FromDays(90));
        await services.Provider.GetRequiredService<RetentionSweeper>().SweepAsync(CancellationToken.None);
        await using (var scope = services.ScopeFor(account))
        {
            Assert.Equal("JOB_NOT_FOUND", (await scope.ServiceProvider.GetRequiredService<SplitManagement>().GetAsync(jobId, CancellationToken.None)).Error?.Code);
        }
    }
}

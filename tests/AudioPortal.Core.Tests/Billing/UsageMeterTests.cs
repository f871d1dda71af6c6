using AudioPortal.Core.Billing;
using AudioPortal.Core.Errors;
using AudioPortal.Core.Splits;
using Microsoft.EntityFrameworkCore;

namespace AudioPortal.Core.Tests.Billing;

/// <summary>The usage meter: reservations against the quota, commits and releases, on each database engine (<see cref="OnSqlite"/>, <see cref="OnPostgres"/>).</summary>
public abstract class UsageMeterTests(TestEngine engine) : IDisposable
{
    private readonly BillingWorld _world = new(engine: engine);

    public sealed class OnSqlite() : UsageMeterTests(TestEngine.Sqlite);

    public sealed class OnPostgres() : UsageMeterTests(TestEngine.Postgres), IOnPostgres;

    [DatabaseFact]
    public async Task Many_concurrent_reservations_never_overrun_a_nearly_used_up_free_quota()
    {
        var account = await _world.CreateAccountAsync();
        await _world.CompleteJobAsync(account, 50 * 60); // 50 of the 60 free minutes used

        // 24 jobs of 3 minutes (121..180 s each) start at once: only 3 fit into the 10 minutes left.
        var results = await Task.WhenAll(Enumerable.Range(0, 24).Select(i =>
            Task.Run(() => _world.Meter.ReserveAsync(account, $"job_race{i:00}", 121 + i, isTestKey: false, default))));

        Assert.Equal(3, results.Count(r => r.IsSuccess));
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Equal("QUOTA_EXCEEDED", r.Error!.Code));
        await using var db = await _world.Dbs.CreateDbContextAsync();
        var reserved = await db.Set<Reservation>().Where(r => r.AccountId == account && r.State == ReservationState.Active).IgnoreQueryFilters().SumAsync(r => r.Minutes);
        Assert.Equal(9, reserved);
        Assert.True(50 + reserved <= 60);
    }

    [DatabaseFact]
    public async Task A_completed_job_becomes_one_usage_record_of_whole_minutes_rounded_up()
    {
        var account = await _world.CreateAccountAsync();
        await _world.CompleteJobAsync(account, 1380.5, "job_a");

        await using var db = await _world.Dbs.CreateDbContextAsync();
        await _world.Meter.CommitAsync(db, "job_a", default); // a repeated commit adds nothing
        await db.SaveChangesAsync();
        var record = Assert.Single(await db.Set<UsageRecord>().IgnoreQueryFilters().Where(u => u.AccountId == account).ToListAsync());
        Assert.Equal(24, record.Minutes);
        Assert.Equal("job_a", record.JobId);
        Assert.Equal(PlanCatalog.FreePlanId, record.PlanId);
    }

    [DatabaseFact]
    public async Task A_released_reservation_frees_its_minutes_and_bills_nothing()
    {
        var account = await _world.CreateAccountAsync();
        Assert.True((await _world.Meter.ReserveAsync(account, "job_big", 55 * 60, false, default)).IsSuccess);
        Assert.Equal("QUOTA_EXCEEDED", (await _world.Meter.ReserveAsync(account, "job_next", 10 * 60, false, default)).Error?.Code);

        await _world.Meter.ReleaseAsync("job_big", default);
        await _world.Meter.ReleaseAsync("job_big", default); // idempotent

        Assert.True((await _world.Meter.ReserveAsync(account, "job_next", 10 * 60, false, default)).IsSuccess);
        var usage = await _world.Service.GetUsageAsync(account, "current", default);
        Assert.Equal(0, usage.Value.MinutesProcessed);
    }

    [DatabaseFact]
    public async Task Jobs_failed_counts_every_failed_job_of_the_period_but_not_test_key_jobs_or_other_months()
    {
        var account = await _world.CreateAccountAsync();
        var now = _world.Clock.GetUtcNow();
        await using (var db = await _world.Dbs.CreateDbContextAsync())
        {
            SplitJob Failed(DateTimeOffset at, bool testKey = false) => new()
            {
                AccountId = account, SplitMode = "duration", Status = JobStatus.Failed, ErrorCode = "DOWNLOAD_FAILED",
                IsTestKey = testKey, CreatedAt = at, CompletedAt = at,
            };
            db.AddRange(Failed(now), Failed(now.AddMinutes(-5)), Failed(now, testKey: true), Failed(now.AddMonths(-1)),
                new SplitJob { AccountId = account, SplitMode = "duration", Status = JobStatus.Completed, CreatedAt = now, CompletedAt = now });
            await db.SaveChangesAsync();
        }

        var usage = await _world.Service.GetUsageAsync(account, "current", default);

        Assert.Equal(2, usage.Value.JobsFailed); // neither reserved minutes: they failed before processing
        Assert.Equal(1, (await _world.Service.GetUsageAsync(account, "previous", default)).Value.JobsFailed);
    }

    [DatabaseFact]
    public async Task Test_key_jobs_reserve_and_record_nothing()
    {
        var account = await _world.CreateAccountAsync();
        Assert.True((await _world.Meter.ReserveAsync(account, "job_test", 3 * 3600, isTestKey: true, default)).IsSuccess);
        await using var db = await _world.Dbs.CreateDbContextAsync();
        await _world.Meter.CommitAsync(db, "job_test", default);
        await db.SaveChangesAsync();

        Assert.False(await db.Set<Reservation>().IgnoreQueryFilters().AnyAsync());
        Assert.False(await db.Set<UsageRecord>().IgnoreQueryFilters().AnyAsync());
        Assert.True((await _world.Meter.CheckCanStartAsync(account, 3 * 3600, isTestKey: true, default)).IsSuccess);
    }

    [DatabaseFact]
    public async Task Starting_a_job_of_known_length_past_the_free_quota_is_refused_at_once_while_unknown_length_passes()
    {
        var account = await _world.CreateAccountAsync();
        await _world.CompleteJobAsync(account, 59 * 60);

        var known = await _world.Meter.CheckCanStartAsync(account, 61, false, default);
        Assert.Equal(ErrorCatalog.QuotaExceeded, known.Error?.Definition);
        Assert.Equal(2, known.Error!.Details!["minutesRequested"] is int m ? m : -1);
        Assert.True((await _world.Meter.CheckCanStartAsync(account, 60, false, default)).IsSuccess);
        Assert.True((await _world.Meter.CheckCanStartAsync(account, null, false, default)).IsSuccess);
    }

    [DatabaseFact]
    public async Task Paid_plans_with_overage_reserve_past_their_included_minutes()
    {
        var account = await _world.CreateAccountAsync("plan_starter");
        await _world.CompleteJobAsync(account, 500 * 60);
        Assert.True((await _world.Meter.ReserveAsync(account, "job_over", 90 * 60, false, default)).IsSuccess);
    }

    [DatabaseFact]
    public async Task The_free_quota_starts_afresh_with_each_calendar_month()
    {
        var account = await _world.CreateAccountAsync();
        await _world.CompleteJobAsync(account, 60 * 60);
        Assert.Equal("QUOTA_EXCEEDED", (await _world.Meter.CheckCanStartAsync(account, 1, false, default)).Error?.Code);

        _world.Clock.SetUtcNow(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.True((await _world.Meter.CheckCanStartAsync(account, 60 * 60, false, default)).IsSuccess);
    }

    public void Dispose()
    {
        _world.Dispose();
        GC.SuppressFinalize(this);
    }
}

using AudioPortal.Core.Accounts;
using AudioPortal.Core.Data;
using AudioPortal.Core.Splits;
using AudioPortal.Core.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AudioPortal.Core.Tests.Splits;

/// <summary>
/// Each <c>Retention</c> window the retention sweeper keeps, on a fake clock over a real database (<see cref="OnSqlite"/>,
/// <see cref="OnPostgres"/>): a record is still there a day before its window ends and gone a day after.
/// </summary>
public abstract class RetentionSweeperTests(TestEngine engine)
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    public sealed class OnSqlite() : RetentionSweeperTests(TestEngine.Sqlite);

    public sealed class OnPostgres() : RetentionSweeperTests(TestEngine.Postgres), IOnPostgres;

    [DatabaseFact]
    public async Task A_job_record_is_kept_90_days_after_its_files_are_gone_however_old_the_job_is()
    {
        await using var services = new SplitsTestServices(engine: engine);
        var account = await services.NewAccountAsync();
        var filesGone = services.Clock.GetUtcNow();
        var job = await AddAsync(services, new SplitJob { AccountId = account, Status = JobStatus.Completed, SplitMode = "duration",
            CreatedAt = filesGone - TimeSpan.FromDays(200), FilesExpireAt = filesGone, FilesDeletedAt = filesGone });
        var queued = await AddAsync(services, new SplitJob { AccountId = account, SplitMode = "duration", CreatedAt = filesGone - TimeSpan.FromDays(200) });

        await SweepAfterAsync(services, TimeSpan.FromDays(90) - Day);
        Assert.True(await ExistsAsync<SplitJob>(services, j => j.Id == job.Id));

        await SweepAfterAsync(services, Day * 2);
        Assert.False(await ExistsAsync<SplitJob>(services, j => j.Id == job.Id));
        Assert.True(await ExistsAsync<SplitJob>(services, j => j.Id == queued.Id)); // its files were never removed, so its window has not begun
    }

    [DatabaseFact]
    public async Task The_job_record_window_is_the_configured_one()
    {
        await using var services = new SplitsTestServices(engine: engine);
        services.Retention.JobRecords = TimeSpan.FromDays(10);
        var account = await services.NewAccountAsync();
        var now = services.Clock.GetUtcNow();
        var job = await AddAsync(services, new SplitJob { AccountId = account, Status = JobStatus.Failed, SplitMode = "duration", CreatedAt = now, FilesExpireAt = now, FilesDeletedAt = now });

        await SweepAfterAsync(services, TimeSpan.FromDays(9));
        Assert.True(await ExistsAsync<SplitJob>(services, j => j.Id == job.Id));

        await SweepAfterAsync(services, Day * 2);
        Assert.False(await ExistsAsync<SplitJob>(services, j => j.Id == job.Id));
    }

    [DatabaseFact]
    public async Task A_webhook_delivery_is_kept_30_days_after_it_finished_and_one_still_pending_stays()
    {
        await using var services = new SplitsTestServices(engine: engine);
        var account = await services.NewAccountAsync();
        var now = services.Clock.GetUtcNow();
        var finished = await AddAsync(services, new WebhookDelivery { AccountId = account, JobId = "job_x", Event = "job.completed", Url = "https://example.test/hook",
            Status = DeliveryStatus.Failed, CreatedAt = now - Day, FinishedAt = now });
        var pending = await AddAsync(services, new WebhookDelivery { AccountId = account, JobId = "job_x", Event = "job.completed", Url = "https://example.test/hook",
            CreatedAt = now - Day, NextAttemptAt = now });

        await SweepAfterAsync(services, TimeSpan.FromDays(30) - Day);
        Assert.True(await ExistsAsync<WebhookDelivery>(services, d => d.Id == finished.Id));

        await SweepAfterAsync(services, Day * 2);
        Assert.False(await ExistsAsync<WebhookDelivery>(services, d => d.Id == finished.Id));
        Assert.True(await ExistsAsync<WebhookDelivery>(services, d => d.Id == pending.Id));
    }

    [DatabaseFact]
    public async Task A_refresh_token_is_kept_30_days_after_it_expired()
    {
        await using var services = new SplitsTestServices(engine: engine);
        var account = await services.NewAccountAsync();
        var now = services.Clock.GetUtcNow();
        var token = await AddAsync(services, new RefreshToken { AccountId = account, FamilyId = "fam_1", Hash = new string('a', 64), StampHash = new string('b', 64),
            CreatedAt = now - TimeSpan.FromDays(30), ExpiresAt = now });

        await SweepAfterAsync(services, TimeSpan.FromDays(30) - Day);
        Assert.True(await ExistsAsync<RefreshToken>(services, t => t.Id == token.Id));

        await SweepAfterAsync(services, Day * 2);
        Assert.False(await ExistsAsync<RefreshToken>(services, t => t.Id == token.Id));
    }

    [DatabaseFact]
    public async Task A_request_record_loses_its_client_address_after_30_days_and_is_deleted_after_90()
    {
        await using var services = new SplitsTestServices(engine: engine, database: db => db.ReplaceService<Microsoft.EntityFrameworkCore.Infrastructure.IModelCustomizer, WithRequestLog>());
        var record = await AddAsync(services, new LoggedRequest { RequestId = "req_1", OccurredAt = services.Clock.GetUtcNow(), ClientAddress = "203.0.113.7" });

        await SweepAfterAsync(services, TimeSpan.FromDays(30) - Day);
        Assert.Equal("203.0.113.7", (await FindAsync(services, record.Id))?.ClientAddress);

        await SweepAfterAsync(services, Day * 2);
        var kept = await FindAsync(services, record.Id);
        Assert.NotNull(kept);
        Assert.Null(kept.ClientAddress);

        await SweepAfterAsync(services, TimeSpan.FromDays(58));
        Assert.NotNull(await FindAsync(services, record.Id));

        await SweepAfterAsync(services, Day * 2);
        Assert.Null(await FindAsync(services, record.Id));
    }

    private static async Task SweepAfterAsync(SplitsTestServices services, TimeSpan wait)
    {
        services.Clock.Advance(wait);
        await services.Provider.GetRequiredService<RetentionSweeper>().SweepAsync(CancellationToken.None);
    }

    private static async Task<T> AddAsync<T>(SplitsTestServices services, T row)
        where T : class
    {
        await using var scope = services.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Add(row);
        await db.SaveChangesAsync();
        return row;
    }

    private static async Task<bool> ExistsAsync<T>(SplitsTestServices services, System.Linq.Expressions.Expression<Func<T, bool>> match)
        where T : class
    {
        await using var scope = services.Provider.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<T>().IgnoreQueryFilters().AnyAsync(match);
    }

    private static async Task<LoggedRequest?> FindAsync(SplitsTestServices services, long id)
    {
        await using var scope = services.Provider.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<LoggedRequest>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id);
    }
}

/// <summary>A request log of the kind a feature may store (none does yet): only here, in this test's model.</summary>
public sealed class LoggedRequest : IRequestRecord
{
    public long Id { get; set; }

    public string RequestId { get; set; } = "";

    public DateTimeOffset OccurredAt { get; set; }

    public string? ClientAddress { get; set; }
}

/// <summary>The app's model plus a <see cref="LoggedRequest"/> table.</summary>
public sealed class WithRequestLog(Microsoft.EntityFrameworkCore.Infrastructure.ModelCustomizerDependencies dependencies)
    : Microsoft.EntityFrameworkCore.Infrastructure.ModelCustomizer(dependencies)
{
    public override void Customize(ModelBuilder modelBuilder, DbContext context)
    {
        base.Customize(modelBuilder, context);
        modelBuilder.Entity<LoggedRequest>().ToTable("TestRequestLog");
    }
}

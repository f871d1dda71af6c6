using System.Text.Json;
using AudioPortal.Core.Accounts;
using AudioPortal.Core.Billing;
using AudioPortal.Core.Billing.Offline;
using AudioPortal.Core.Data;
using AudioPortal.Core.Mail;
using AudioPortal.Core.Splits;
using AudioPortal.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AudioPortal.Core.Tests.Billing;

/// <summary>
/// Billing wired as the host wires it with the offline provider, over a real migrated SQLite file, the plans of the
/// repository's appsettings.json and a fake clock (PostgreSQL instead for <see cref="TestEngine.Postgres"/>).
/// </summary>
public sealed class BillingWorld : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "audioportal-billing-" + Guid.NewGuid().ToString("N"));

    private readonly TestDatabase _database;

    public BillingWorld(DateTimeOffset? start = null, TestEngine engine = TestEngine.Sqlite)
    {
        Directory.CreateDirectory(_folder);
        _database = TestDatabase.Create(engine, _folder);
        Clock = new FakeTimeProvider(start ?? new DateTimeOffset(2026, 3, 15, 10, 0, 0, TimeSpan.Zero));
        var options = _database.Configure(new DbContextOptionsBuilder<AppDbContext>()).Options;
        Dbs = new Factory(options);
        using (var db = Dbs.CreateDbContext())
        {
            // The current model, not the migration: other features may be mid-change in a shared tree.
            db.Database.EnsureCreated();
        }

        Plans = new PlanCatalog(Options.Create(new PlanOptions { Plans = LoadPlans() }));
        BillingOptions = Options.Create(new BillingOptions { InvoiceDueDays = 14 });
        Ledger = new UsageLedger(Plans);
        var scopes = new ServiceCollection().AddSingleton<IDbContextFactory<AppDbContext>>(Dbs).BuildServiceProvider().GetRequiredService<IServiceScopeFactory>();
        var mail = new CustomerMail(scopes, new MailOutbox(new LoggedMailTransport(NullLogger<LoggedMailTransport>.Instance), Clock, NullLogger<MailOutbox>.Instance), NullLogger<CustomerMail>.Instance);
        Meter = new UsageMeter(Dbs, Ledger, mail, Clock, Telemetry.MetricsRecorder.Unobserved());
        Issuer = new InvoiceIssuer(BillingOptions);
        Offline = new OfflinePaymentProvider(Dbs, Plans, Ledger, Issuer, BillingOptions, Clock);
        Cycle = new OfflineBillingCycle(Dbs, Plans, Ledger, Issuer, Clock);
        Blobs = new LocalBlobStore(Path.Combine(_folder, "blobs"));
        Service = new BillingService(Dbs, Plans, Ledger, Offline, new BlobStorageUsage(Blobs), new FailedJobCount(), mail, Clock);
    }

    public FakeTimeProvider Clock { get; }

    public LocalBlobStore Blobs { get; }

    public IDbContextFactory<AppDbContext> Dbs { get; }

    public PlanCatalog Plans { get; }

    public IOptions<BillingOptions> BillingOptions { get; }

    public UsageLedger Ledger { get; }

    public UsageMeter Meter { get; }

    public InvoiceIssuer Issuer { get; }

    public OfflinePaymentProvider Offline { get; }

    public OfflineBillingCycle Cycle { get; }

    public BillingService Service { get; }

    public async Task<string> CreateAccountAsync(string planId = PlanCatalog.FreePlanId)
    {
        await using var db = await Dbs.CreateDbContextAsync();
        var account = new Account { PlanId = planId, Email = $"{Guid.NewGuid():N}@example.test", UserName = Guid.NewGuid().ToString("N"), CreatedAt = Clock.GetUtcNow() };
        db.Add(account);
        await db.SaveChangesAsync();
        return account.Id;
    }

    /// <summary>Runs a job through the meter as the worker does: reserve, then commit in the worker's own unit of work.</summary>
    public async Task CompleteJobAsync(string accountId, double sourceSeconds, string? jobId = null)
    {
        jobId ??= "job_" + Guid.NewGuid().ToString("N");
        var reserved = await Meter.ReserveAsync(accountId, jobId, sourceSeconds, isTestKey: false, default);
        Assert.True(reserved.IsSuccess, reserved.Error?.ToString());
        await using var db = await Dbs.CreateDbContextAsync();
        await Meter.CommitAsync(db, jobId, default);
        await db.SaveChangesAsync();
    }

    public async Task<string> PlanOfAsync(string accountId)
    {
        await using var db = await Dbs.CreateDbContextAsync();
        return await db.Set<Account>().Where(a => a.Id == accountId).Select(a => a.PlanId).SingleAsync();
    }

    public async Task<List<Invoice>> InvoicesAsync(string accountId)
    {
        await using var db = await Dbs.CreateDbContextAsync();
        return await db.Set<Invoice>().IgnoreQueryFilters().Include(i => i.Lines)
            .Where(i => i.AccountId == accountId).OrderBy(i => i.Number).ToListAsync();
    }

    /// <summary>The plans of the repository's appsettings.json.</summary>
    internal static List<Plan> LoadPlans()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "appsettings.json")));
        return json.RootElement.GetProperty("Plans").Deserialize<List<Plan>>(new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
    }

    public void Dispose()
    {
        _database.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private sealed class Factory(DbContextOptions<AppDbContext> options) : IDbContextFactory<AppDbContext>
    {
        public AppDbContext CreateDbContext() => new(options);
    }
}

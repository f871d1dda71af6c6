using AudioPortal.Audio;
using AudioPortal.Core.Accounts;
using AudioPortal.Core.Billing;
using AudioPortal.Core.Data;
using AudioPortal.Core.Sources;
using AudioPortal.Core.Splits;
using AudioPortal.Core.Storage;
using AudioPortal.Core.Tests.Billing;
using AudioPortal.Core.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AudioPortal.Core.Tests.Splits;

/// <summary>
/// The split services wired as the host wires them, over a real database of its own (a SQLite file, or a fresh
/// PostgreSQL database for <see cref="TestEngine.Postgres"/>) and a temp data folder, without
/// the web host (billing's meter replaced by <see cref="NoUsageMeter"/>). <see cref="ScopeFor"/> gives a scope acting as one account.
/// </summary>
public sealed class SplitsTestServices : IAsyncDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "audioportal-tests", Guid.NewGuid().ToString("N"));

    private readonly TestDatabase _database;

    public SplitsTestServices(
        Action<SplitsOptions>? configure = null, Action<IServiceCollection>? overrides = null, TestEngine engine = TestEngine.Sqlite,
        Action<DbContextOptionsBuilder<AppDbContext>>? database = null)
    {
        Directory.CreateDirectory(_root);
        _database = TestDatabase.Create(engine, _root);
        Options = new SplitsOptions { WorkDirectory = Path.Combine(_root, "work"), Workers = 1, PollInterval = TimeSpan.FromMilliseconds(100) };
        configure?.Invoke(Options);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddScoped<CurrentAccount>();
        services.AddScoped<ICurrentAccount>(sp => sp.GetRequiredService<CurrentAccount>());
        services.AddAppDbContext((_, db) =>
        {
            _database.Configure(db);
            database?.Invoke(db);
        });
        services.AddSingleton<IOptions<PlanOptions>>(Microsoft.Extensions.Options.Options.Create(new PlanOptions
        {
            Plans =
            [
                new Plan { Id = PlanCatalog.FreePlanId, Name = "Free", MaxFileSize = 100 * 1024 * 1024, ConcurrentJobs = 2, RetentionHours = 24 },
                new Plan { Id = "plan_pro", Name = "Pro", MaxFileSize = 2L * 1024 * 1024 * 1024, ConcurrentJobs = 20, RetentionHours = 720 },
            ],
        }));
        services.AddSingleton<PlanCatalog>();
        services.AddSingleton(Options);
        services.AddSingleton(Retention);
        services.AddSingleton(new SourcesOptions { AllowPrivateNetworks = true });
        services.AddSingleton(new WebhooksOptions { AllowPrivateNetworks = true, RetrySchedule = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)] });
        services.AddSingleton<IHostResolver, DnsHostResolver>();
        services.AddSingleton(sp => new AddressGuard(sp.GetRequiredService<IHostResolver>()));
        services.AddSingleton<IBlobStore>(new LocalBlobStore(Path.Combine(_root, "blobs")));
        services.AddSingleton(new StorageRoot(_root));
        services.AddSingleton(sp => new SignedUrls(new byte[32], Clock));
        services.AddSingleton(new AudioEngine(new AudioEngineOptions()));
        services.AddScoped<IUsageMeter, NoUsageMeter>();
        services.AddSplitServices();
        overrides?.Invoke(services);
        Provider = services.BuildServiceProvider();
        using var scope = Provider.CreateScope();
        scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.EnsureCreated();
    }

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public SplitsOptions Options { get; }

    /// <summary>The retention windows, at their defaults unless a test changes them before sweeping.</summary>
    public RetentionOptions Retention { get; } = new();

    public ServiceProvider Provider { get; }

    public IBlobStore Store => Provider.GetRequiredService<IBlobStore>();

    public string BlobRoot => Path.Combine(_root, "blobs");

    public async Task<string> NewAccountAsync(string planId = PlanCatalog.FreePlanId)
    {
        await using var scope = Provider.CreateAsyncScope();
        var account = new Account { UserName = Guid.NewGuid().ToString("N"), PlanId = planId };
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Users.Add(account);
        await db.SaveChangesAsync();
        return account.Id;
    }

    /// <summary>A scope acting as <paramref name="accountId"/>, as authentication would set it.</summary>
    public AsyncServiceScope ScopeFor(string accountId, bool testKey = false)
    {
        var scope = Provider.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentAccount>().Set(accountId, Scopes.All, testKey);
        return scope;
    }

    public async Task<SplitJob> LoadAsync(string jobId)
    {
        await using var scope = Provider.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<SplitJob>().IgnoreQueryFilters()
            .Include(j => j.Segments).AsNoTracking().FirstAsync(j => j.Id == jobId);
    }

    public async ValueTask DisposeAsync()
    {
        await Provider.DisposeAsync();
        _database.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

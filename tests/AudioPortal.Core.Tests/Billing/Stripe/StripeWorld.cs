using AudioPortal.Core.Accounts;
using AudioPortal.Core.Billing;
using AudioPortal.Core.Data;
using AudioPortal.Core.Splits;
using AudioPortal.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AudioPortal.Core.Tests.Billing.Stripe;

/// <summary>
/// Billing registered as the host registers it (<see cref="BillingServices.AddBillingServices"/>) with Stripe as the
/// provider, pointed at a <see cref="FakeStripeServer"/>, over a real SQLite file, the repository's plans and a fake clock.
/// </summary>
public sealed class StripeWorld : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "audioportal-stripe-" + Guid.NewGuid().ToString("N"));
    private readonly ServiceProvider _services;

    public StripeWorld(DateTimeOffset now, FakeStripeServer stripe)
    {
        Directory.CreateDirectory(_folder);
        Clock = new FakeTimeProvider(now);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddScoped<CurrentAccount>();
        services.AddScoped<ICurrentAccount>(sp => sp.GetRequiredService<CurrentAccount>());
        services.AddAppDbContext((_, db) => db.UseSqlite($"Data Source={Path.Combine(_folder, "billing.db")}"));
        services.AddSingleton(Options.Create(new PlanOptions { Plans = BillingWorld.LoadPlans() }));
        services.AddSingleton<PlanCatalog>();
        services.AddSingleton(Options.Create(new BillingOptions { PublicBaseUrl = "https://portal.test" }));
        services.AddSingleton(Options.Create(new StripeOptions
        {
            SecretKey = "sk_test_fake",
            ApiBase = stripe.Url.TrimEnd('/'),
            WebhookSecret = "whsec_test",
            Prices = { ["plan_starter"] = "price_starter", ["plan_pro"] = "price_pro" },
        }));
        services.AddSingleton<IBlobStore>(new LocalBlobStore(Path.Combine(_folder, "blobs")));
        services.AddSingleton<IFailedJobCount, FailedJobCount>();
        services.AddBillingServices(useStripe: true);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        using var scope = _services.CreateScope();
        scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.EnsureCreated();
    }

    public FakeTimeProvider Clock { get; }

    public async Task<string> NewAccountIdAsync(string planId = PlanCatalog.FreePlanId) => await WithDbAsync(async db =>
    {
        var account = new Account { PlanId = planId, Email = $"{Guid.NewGuid():N}@example.test", UserName = Guid.NewGuid().ToString("N"), CreatedAt = Clock.GetUtcNow() };
        db.Add(account);
        await db.SaveChangesAsync();
        return account.Id;
    });

    /// <summary>Runs <paramref name="work"/> with a service from a fresh scope, as a request or portal circuit would.</summary>
    public async Task<T> WithAsync<TService, T>(Func<TService, Task<T>> work)
        where TService : notnull
    {
        await using var scope = _services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work) => WithAsync(work);

    /// <summary>Runs a job through the usage meter as the worker does: reserve, then commit in the worker's unit of work.</summary>
    public async Task CompleteJobAsync(string accountId, string jobId, double sourceSeconds)
    {
        await using var scope = _services.CreateAsyncScope();
        var meter = scope.ServiceProvider.GetRequiredService<IUsageMeter>();
        var reserved = await meter.ReserveAsync(accountId, jobId, sourceSeconds, isTestKey: false, default);
        Assert.True(reserved.IsSuccess, reserved.Error?.ToString());
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await meter.CommitAsync(db, jobId, default);
        await db.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

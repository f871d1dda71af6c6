using System.Text.Json;
using AudioPortal.Core.Accounts;
using AudioPortal.Core.ApiKeys;
using AudioPortal.Core.Billing;
using AudioPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AudioPortal.Core.Tests.Accounts;

/// <summary>
/// Accounts and API keys wired as the host wires them (Identity on EF Core, the tenant filter, the plans of the
/// repository's appsettings.json) over a real database of its own (SQLite, or PostgreSQL for <see cref="TestEngine.Postgres"/>), with a fake clock. Each <see cref="Scope"/> is one request.
/// </summary>
public sealed class AccountsWorld : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "audioportal-accounts-" + Guid.NewGuid().ToString("N"));
    private readonly ServiceProvider _services;
    private readonly TestDatabase _database;

    public AccountsWorld(TestEngine engine = TestEngine.Sqlite)
    {
        Directory.CreateDirectory(_folder);
        _database = TestDatabase.Create(engine, _folder);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddScoped<CurrentAccount>();
        services.AddScoped<ICurrentAccount>(sp => sp.GetRequiredService<CurrentAccount>());
        services.AddAppDbContext((_, o) => _database.Configure(o));
        services.AddIdentityCore<Account>(o =>
        {
            o.User.RequireUniqueEmail = true;
            o.Password.RequiredLength = 8;
            o.Lockout.MaxFailedAccessAttempts = 3;
        }).AddAccountStores();
        services.AddSingleton(new PlanCatalog(Microsoft.Extensions.Options.Options.Create(new PlanOptions { Plans = LoadPlans() })));
        services.AddSingleton<ApiKeyUsage>();
        services.AddScoped<ApiKeyService>();
        services.AddScoped<ApiKeyDirectory>();
        services.AddScoped<AccountService>();
        services.AddScoped<RefreshTokenService>();
        _services = services.BuildServiceProvider();

        using var scope = _services.CreateScope();
        scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.EnsureCreated();
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 15, 10, 0, 0, TimeSpan.Zero));

    public ApiKeyUsage Usage => _services.GetRequiredService<ApiKeyUsage>();

    /// <summary>A unit of work, signed in as <paramref name="accountId"/> when given (null: anonymous or system work).</summary>
    public AsyncServiceScope Scope(string? accountId = null)
    {
        var scope = _services.CreateAsyncScope();
        if (accountId is not null)
        {
            scope.ServiceProvider.GetRequiredService<CurrentAccount>().Set(accountId, Scopes.All);
        }

        return scope;
    }

    public async Task<T> RunAsync<TService, T>(string? accountId, Func<TService, Task<T>> action)
        where TService : notnull
    {
        await using var scope = Scope(accountId);
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public async Task<string> CreateAccountAsync(string? plan = null)
    {
        var created = await RunAsync<AccountService, AudioPortal.Core.Errors.Result<Account>>(null, s => s.CreateAsync($"{Guid.NewGuid():N}@example.test", "Correct-Horse-9", plan));
        Assert.True(created.IsSuccess, created.Error?.ToString());
        return created.Value.Id;
    }

    private static List<Plan> LoadPlans()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "appsettings.json")));
        return json.RootElement.GetProperty("Plans").Deserialize<List<Plan>>(new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
    }

    public void Dispose()
    {
        _services.Dispose();
        _database.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

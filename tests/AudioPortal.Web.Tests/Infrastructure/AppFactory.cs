using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AudioPortal.Web.Tests.Infrastructure;

/// <summary>
/// The real application over real HTTP plumbing, with its own SQLite file and storage in a temp folder that
/// is deleted afterwards, or its own database on the test run's PostgreSQL (<see cref="TestEngine.Postgres"/>,
/// set through the app's own two settings). Extra settings go through <see cref="Settings"/> before the first client is made.
/// </summary>
public class AppFactory : WebApplicationFactory<Program>
{
    private readonly TestDatabase? _database;

    public AppFactory()
        : this(TestEngine.Sqlite)
    {
    }

    protected AppFactory(TestEngine engine)
    {
        DataPath = Path.Combine(Path.GetTempPath(), "audioportal-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataPath);

        // A PostgreSQL fixture of a class whose tests all skip (no PostgreSQL here) is still made: it then takes no database.
        if (engine == TestEngine.Postgres && PostgresCluster.SkipReason is null)
        {
            _database = TestDatabase.Create(engine, DataPath);
            Settings["Database:Provider"] = _database.ProviderSetting;
            Settings["ConnectionStrings:Default"] = _database.ConnectionString;
        }
    }

    public string DataPath { get; }

    /// <summary>Configuration overrides (keys as in appsettings.json, e.g. "Ffmpeg:FfmpegPath").</summary>
    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["Sources:AllowPrivateNetworks"] = "true",
        ["Webhooks:AllowPrivateNetworks"] = "true",

        // The free plan's 10 requests a minute would trip ordinary tests; rate-limit tests switch it back on.
        ["RateLimiting:Enabled"] = "false",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Data:Path", DataPath);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        // Identity's 100,000 PBKDF2 rounds per password make every test account cost ~0.1 s of CPU; tests need no such strength.
        builder.ConfigureServices(services => services.Configure<Microsoft.AspNetCore.Identity.PasswordHasherOptions>(o => o.IterationCount = 1000));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _database?.Dispose();
        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a background worker; the temp folder is cleaned by the OS eventually.
        }
    }
}

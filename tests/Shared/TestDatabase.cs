using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

// Linked into each test project whose data tests run on both engines (a Compile item in its .csproj).
namespace AudioPortal.TestSupport;

/// <summary>The database engines the data tests run on: the same tests, once per engine.</summary>
public enum TestEngine
{
    Sqlite,
    Postgres,
}

/// <summary>
/// One fixture's own database: a SQLite file in the fixture's folder, or a fresh database on the shared
/// <see cref="PostgresCluster"/>. Disposing it releases pooled connections and drops the PostgreSQL database.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    private TestDatabase(TestEngine engine, string connectionString)
    {
        Engine = engine;
        ConnectionString = connectionString;
    }

    public TestEngine Engine { get; }

    public string ConnectionString { get; }

    /// <summary>The value of the app's <c>Database:Provider</c> setting for this engine.</summary>
    public string ProviderSetting => Engine.ToString();

    public static TestDatabase Create(TestEngine engine, string folder) => engine switch
    {
        TestEngine.Postgres => new(engine, PostgresCluster.Shared.CreateDatabase()),
        _ => new(engine, $"Data Source={Path.Combine(folder, "test.db")}"),
    };

    /// <summary>Points <paramref name="options"/> at this database with the provider and migration set the app uses.</summary>
    public DbContextOptionsBuilder<T> Configure<T>(DbContextOptionsBuilder<T> options)
        where T : DbContext
    {
        if (Engine == TestEngine.Postgres)
        {
            options.UseNpgsql(ConnectionString, npgsql => npgsql.MigrationsAssembly("AudioPortal.Migrations.Postgres"));
        }
        else
        {
            options.UseSqlite(ConnectionString, sqlite => sqlite.MigrationsAssembly("AudioPortal.Migrations.Sqlite"));
        }

        return options;
    }

    public void Dispose()
    {
        if (Engine == TestEngine.Postgres)
        {
            PostgresCluster.Shared.DropDatabase(ConnectionString);
        }
        else
        {
            SqliteConnection.ClearAllPools();
        }
    }
}

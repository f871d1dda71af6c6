using Microsoft.EntityFrameworkCore;

namespace AudioPortal.Web.Data;

/// <summary>
/// The one place that knows which engine is configured: it picks the EF Core provider and its migration assembly.
/// Core's services see only <c>AppDbContext</c> and never branch on the engine; the model is the same for both
/// (times are stored as UTC ticks, which both engines sort and compare alike).
/// </summary>
public static class DatabaseProviders
{
    public const string SqliteMigrations = "AudioPortal.Migrations.Sqlite";
    public const string PostgresMigrations = "AudioPortal.Migrations.Postgres";

    public static DbContextOptionsBuilder UseProvider(this DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString) =>
        provider switch
        {
            DatabaseProvider.Postgres => options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(PostgresMigrations)),
            _ => options.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrations)),
        };

    /// <summary>
    /// The connection string of <c>ConnectionStrings:Default</c>; SQLite falls back to a file in the data folder
    /// (created owner-only first), PostgreSQL has no sensible default and stops start-up without one.
    /// </summary>
    public static string ConnectionString(DatabaseProvider provider, string? configured, string dataFolder)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            return string.IsNullOrWhiteSpace(configured)
                ? throw new Microsoft.Extensions.Options.OptionsValidationException("ConnectionStrings", typeof(DatabaseOptions),
                    ["ConnectionStrings:Default: required when Database:Provider is Postgres (e.g. Host=127.0.0.1;Database=audioportal;Username=audioportal;Password=…)."])
                : configured;
        }

        var sqlite = string.IsNullOrWhiteSpace(configured) ? $"Data Source={Path.Combine(dataFolder, "audioportal.db")}" : configured;
        OwnerOnlyFiles.CreateDatabaseFile(sqlite);
        return sqlite;
    }
}

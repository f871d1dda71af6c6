using AudioPortal.Core.Data;
using AudioPortal.Web.Cli;
using Microsoft.EntityFrameworkCore;

namespace AudioPortal.Web.Tests.Data;

/// <summary>Database:Provider and ConnectionStrings:Default, as the program reads them before anything else.</summary>
public sealed class DatabaseProviderTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "audioportal-provider-" + Guid.NewGuid().ToString("N"));
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    [Theory]
    [InlineData("Mysql", "'Mysql' is not a database provider")]
    [InlineData("Postgres", "ConnectionStrings:Default: required when Database:Provider is Postgres")]
    public async Task A_provider_the_program_cannot_use_stops_it_with_one_line_naming_the_setting(string provider, string expected)
    {
        var exit = await WebCli.RunAsync(["migrate"], _out, _err, new Dictionary<string, string?> { ["Data:Path"] = _data, ["Database:Provider"] = provider });

        Assert.Equal(1, exit);
        var error = _err.ToString().TrimEnd();
        Assert.Contains(expected, error);
        Assert.DoesNotContain('\n', error);
        Assert.False(File.Exists(Path.Combine(_data, "audioportal.db")));
    }

    [Fact]
    public async Task The_provider_is_read_in_any_case()
    {
        Assert.Equal(0, await WebCli.RunAsync(["migrate"], _out, _err, new Dictionary<string, string?> { ["Data:Path"] = _data, ["Database:Provider"] = "sqlite" }));
        Assert.True(File.Exists(Path.Combine(_data, "audioportal.db")));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }
}

/// <summary>The `migrate` verb on PostgreSQL applies PostgreSQL's own migration set (migrations/Postgres).</summary>
public sealed class PostgresMigrateTests : IOnPostgres
{
    [DatabaseFact]
    public async Task Migrate_on_postgres_applies_every_postgres_migration_to_the_configured_database()
    {
        var folder = Path.Combine(Path.GetTempPath(), "audioportal-provider-" + Guid.NewGuid().ToString("N"));
        using var database = TestDatabase.Create(TestEngine.Postgres, folder);
        var output = new StringWriter();
        var exit = await WebCli.RunAsync(["migrate"], output, output, new Dictionary<string, string?>
        {
            ["Data:Path"] = folder, ["Database:Provider"] = "Postgres", ["ConnectionStrings:Default"] = database.ConnectionString,
        });

        Assert.True(exit == 0, output.ToString());
        await using var db = new AppDbContext(database.Configure(new DbContextOptionsBuilder<AppDbContext>()).Options);
        var known = db.Database.GetMigrations().ToList();
        Assert.NotEmpty(known);
        Assert.Equal(known, await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal(0, await db.Users.CountAsync());
        Directory.Delete(folder, recursive: true);
    }
}

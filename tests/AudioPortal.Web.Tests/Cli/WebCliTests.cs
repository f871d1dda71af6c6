using AudioPortal.Cli;
using AudioPortal.Web.Cli;

namespace AudioPortal.Web.Tests.Cli;

/// <summary>The web program's command line: its verbs and the database they share (dispatch itself: AudioPortal.Cli.Tests).</summary>
public sealed class WebCliTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "audioportal-cli-" + Guid.NewGuid().ToString("N"));
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    private Task<int> RunAsync(params string[] args) =>
        WebCli.RunAsync(args, _out, _err, new Dictionary<string, string?> { ["Data:Path"] = _data });

    [Fact]
    public async Task Help_lists_every_verb_with_its_summary()
    {
        Assert.Equal(0, await RunAsync("--help"));
        Assert.Contains("migrate", _out.ToString());
        Assert.Contains("split", _out.ToString());
        Assert.Contains("version", _out.ToString());
    }

    [Fact]
    public async Task A_verb_prints_its_usage_for_help()
    {
        Assert.Equal(0, await RunAsync("migrate", "--help"));
        Assert.StartsWith("Usage: migrate", _out.ToString());
    }

    [Fact]
    public async Task Migrate_creates_the_database_in_the_data_folder()
    {
        Assert.Equal(0, await RunAsync("migrate"));
        Assert.True(File.Exists(Path.Combine(_data, "audioportal.db")));
        Assert.Contains("up to date", _out.ToString());
    }

    [Fact]
    public async Task A_database_made_by_another_version_is_refused_with_what_to_do_and_left_untouched()
    {
        Directory.CreateDirectory(_data);
        var file = Path.Combine(_data, "audioportal.db");
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file}"))
        {
            await connection.OpenAsync();
            var create = connection.CreateCommand();
            create.CommandText = """
                CREATE TABLE "__EFMigrationsHistory" ("MigrationId" TEXT PRIMARY KEY, "ProductVersion" TEXT NOT NULL);
                INSERT INTO "__EFMigrationsHistory" VALUES ('20200101000000_Initial', '10.0.0');
                CREATE TABLE "AspNetRoles" ("Id" TEXT PRIMARY KEY);
                """;
            await create.ExecuteNonQueryAsync();
        }

        Assert.Equal(1, await RunAsync("migrate"));

        Assert.Contains("was made by another version of AudioPortal", _err.ToString());
        Assert.Contains("20200101000000_Initial", _err.ToString());
        Assert.DoesNotContain("   at ", _err.ToString());
        await using var check = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file}");
        await check.OpenAsync();
        var tables = check.CreateCommand();
        tables.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table'";
        Assert.Equal(2L, await tables.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Version_names_the_dotnet_runtime()
    {
        Assert.Equal(0, await RunAsync("version"));
        Assert.Contains(".NET " + Environment.Version, _out.ToString());
    }

    [Fact]
    public async Task Version_reads_the_configuration_without_building_the_app_or_creating_a_database()
    {
        var settings = new Dictionary<string, string?> { ["Data:Path"] = _data, ["Ffmpeg:FfmpegPath"] = "/nonexistent/ffmpeg" };

        Assert.Equal(0, await WebCli.RunAsync(["version"], _out, _err, settings));

        Assert.Contains("ffmpeg: not found", _out.ToString());
        Assert.False(Directory.Exists(_data));
    }

    [Fact]
    public void Every_verb_class_is_listed()
    {
        var classes = new[] { typeof(ICliVerb).Assembly, typeof(WebCli).Assembly }.SelectMany(a => a.GetTypes())
            .Where(t => typeof(ICliVerb).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false });

        Assert.Equal(classes.OrderBy(t => t.Name), WebCli.Verbs.Select(v => v.GetType()).OrderBy(t => t.Name));
    }

    [Fact]
    public void Arguments_that_start_with_a_dash_belong_to_the_web_host()
    {
        Assert.False(WebCli.Recognises(["--urls", "http://127.0.0.1:5000"]));
        Assert.False(WebCli.Recognises([]));
        Assert.True(WebCli.Recognises(["migrate"]));
        Assert.True(WebCli.Recognises(["--help"]));
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

using AudioPortal.Web.Cli;

namespace AudioPortal.Web.Tests.Cli;

public sealed class CliDispatcherTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "audioportal-cli-" + Guid.NewGuid().ToString("N"));
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    private Task<int> RunAsync(params string[] args) =>
        CliDispatcher.RunAsync(args, _out, _err, new Dictionary<string, string?> { ["Data:Path"] = _data });

    [Fact]
    public async Task Help_lists_every_verb_with_its_summary()
    {
        Assert.Equal(0, await RunAsync("--help"));
        Assert.Contains("migrate", _out.ToString());
        Assert.Contains("version", _out.ToString());
    }

    [Fact]
    public async Task An_unknown_verb_exits_non_zero_with_a_hint()
    {
        Assert.Equal(2, await RunAsync("frobnicate"));
        Assert.Contains("Unknown command 'frobnicate'", _err.ToString());
    }

    [Fact]
    public async Task A_verb_prints_its_usage_for_help()
    {
        Assert.Equal(0, await RunAsync("migrate", "--help"));
        Assert.StartsWith("Usage: migrate", _out.ToString());
    }

    [Fact]
    public async Task An_unknown_option_is_a_usage_error_with_exit_code_2()
    {
        Assert.Equal(2, await RunAsync("version", "--colour", "blue"));
        Assert.Contains("Unknown option: --colour", _err.ToString());
    }

    [Fact]
    public async Task Migrate_creates_the_database_in_the_data_folder()
    {
        Assert.Equal(0, await RunAsync("migrate"));
        Assert.True(File.Exists(Path.Combine(_data, "audioportal.db")));
        Assert.Contains("up to date", _out.ToString());
    }

    [Fact]
    public async Task Version_names_the_dotnet_runtime()
    {
        Assert.Equal(0, await RunAsync("version"));
        Assert.Contains(".NET " + Environment.Version, _out.ToString());
    }

    [Fact]
    public void Arguments_that_start_with_a_dash_belong_to_the_web_host()
    {
        Assert.False(CliDispatcher.Recognises(["--urls", "http://127.0.0.1:5000"]));
        Assert.False(CliDispatcher.Recognises([]));
        Assert.True(CliDispatcher.Recognises(["migrate"]));
        Assert.True(CliDispatcher.Recognises(["--help"]));
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

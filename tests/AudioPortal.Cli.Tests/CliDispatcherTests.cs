namespace AudioPortal.Cli.Tests;

/// <summary>The standalone program's dispatch: help, unknown commands, usage errors and the verb list.</summary>
public sealed class CliDispatcherTests
{
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    private Task<int> RunAsync(params string[] args) => CliDispatcher.RunAsync(StandaloneCli.Program, args, _out, _err);

    [Fact]
    public async Task Help_names_the_program_and_lists_its_verbs()
    {
        Assert.Equal(0, await RunAsync("--help"));

        var help = _out.ToString();
        Assert.Contains("Usage: audioportal <command> [options]", help);
        Assert.Contains("split      Split a local audio file", help);
        Assert.Contains("version    Print the version", help);
    }

    [Fact]
    public async Task No_arguments_print_the_help_as_an_error_with_exit_code_2()
    {
        Assert.Equal(2, await RunAsync());
        Assert.Contains("Usage: audioportal", _err.ToString());
    }

    [Fact]
    public async Task An_unknown_command_exits_with_2_and_a_hint()
    {
        Assert.Equal(2, await RunAsync("migrate"));
        Assert.Contains("Unknown command 'migrate'", _err.ToString());
    }

    [Fact]
    public async Task A_verb_prints_its_usage_for_help()
    {
        Assert.Equal(0, await RunAsync("split", "--help"));
        Assert.StartsWith("Usage: split <input>", _out.ToString());
    }

    [Fact]
    public async Task An_unknown_option_is_a_usage_error_with_exit_code_2()
    {
        Assert.Equal(2, await RunAsync("version", "--colour", "blue"));
        Assert.Contains("Unknown option: --colour", _err.ToString());
    }

    [Fact]
    public async Task Version_reports_the_ffmpeg_that_configuration_names()
    {
        var settings = new Dictionary<string, string?> { ["Ffmpeg:FfmpegPath"] = "/nonexistent/ffmpeg" };

        Assert.Equal(0, await CliDispatcher.RunAsync(StandaloneCli.Program, ["version"], _out, _err, settings));

        Assert.Contains($"AudioPortal {ProductVersion.Current}", _out.ToString());
        Assert.Contains("ffmpeg: not found", _out.ToString());
    }

    [Fact]
    public async Task A_bad_ffmpeg_setting_stops_a_verb_with_an_error_naming_its_key()
    {
        var settings = new Dictionary<string, string?> { ["Ffmpeg:ProbeTimeout"] = "00:00:00" };

        Assert.Equal(1, await CliDispatcher.RunAsync(StandaloneCli.Program, ["version"], _out, _err, settings));

        Assert.Contains("error: Ffmpeg:ProbeTimeout", _err.ToString());
    }

    [Fact]
    public void Every_verb_class_is_listed_and_none_needs_the_database()
    {
        var classes = typeof(ICliVerb).Assembly.GetTypes()
            .Where(t => typeof(ICliVerb).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false });

        Assert.Equal(classes.OrderBy(t => t.Name), StandaloneCli.Verbs.Select(v => v.GetType()).OrderBy(t => t.Name));
        Assert.All(StandaloneCli.Verbs, v => Assert.False(v.UsesDatabase));
    }
}

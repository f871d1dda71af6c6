using AudioPortal.Cli;
using AudioPortal.Web.Backups;
using AudioPortal.Web.Data;
using AudioPortal.Web.Hosting;
using AudioPortal.Web.Operations;

namespace AudioPortal.Web.Cli;

/// <summary>
/// The web project's command line: the standalone verbs (<c>split</c>, <c>version</c>) and the operator verbs that
/// work on the portal's data. Chooses between the web host and a verb before anything starts: arguments that
/// begin with "-" (such as <c>--urls</c>) belong to the web host; a first word is a verb.
/// </summary>
public static class WebCli
{
    // Listed rather than found by reflection: scanning the assembly's types loads ASP.NET, MudBlazor and EF Core
    // (~0.1 s) before a verb such as `split` could start.
    public static IReadOnlyList<ICliVerb> Verbs { get; } =
        [.. StandaloneCli.Verbs, new BackupVerb(), new BillingVerb(), new KeysVerb(), new MigrateVerb(), new RestoreVerb(), new UsersVerb()];

    public static CliProgram Program { get; } = new(
        "dotnet run --project src/AudioPortal.Web --",
        "AudioPortal — run with no arguments to start the portal and API.",
        Verbs,
        RunWithApplicationAsync);

    public static bool Recognises(string[] args) =>
        args.Length > 0 && (!args[0].StartsWith('-') || CliDispatcher.HelpWords.Contains(args[0]));

    /// <param name="settings">Configuration overrides (tests point <c>Data:Path</c> at a temp folder).</param>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, IReadOnlyDictionary<string, string?>? settings = null) =>
        CliDispatcher.RunAsync(Program, args, output, error, settings);

    /// <summary>The web app's configuration and services; the host is built but never started.</summary>
    private static async Task<int> RunWithApplicationAsync(VerbRun run)
    {
        var builder = AudioPortalHost.CreateBuilder([]);
        if (run.Settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(run.Settings);
        }

        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddAudioPortal();
        await using var app = builder.Build();
        await using var scope = app.Services.CreateAsyncScope();
        try
        {
            // Verbs work on the same database as the portal; bring a fresh install's schema up first.
            await DataWiring.MigrateAsync(scope.ServiceProvider, run.CancellationToken);
        }
        catch (IncompatibleDatabaseException incompatible)
        {
            await run.Error.WriteLineAsync($"error: {incompatible.Message}");
            return 1;
        }

        return await run.Verb.RunAsync(run.Args, new CliContext(scope.ServiceProvider, run.Out, run.Error, run.CancellationToken));
    }
}

using AudioPortal.Web.Data;
using AudioPortal.Web.Hosting;
using AudioPortal.Web.Operations;

namespace AudioPortal.Web.Cli;

/// <summary>
/// Chooses between the web host and an operator verb before anything starts. Arguments that begin with
/// "-" (such as <c>--urls</c>) belong to the web host; a first word is a verb.
/// </summary>
public static class CliDispatcher
{
    private static readonly string[] HelpWords = ["help", "--help", "-h"];

    // Listed rather than found by reflection: scanning the assembly's types loads ASP.NET, MudBlazor and EF Core
    // (~0.1 s) before a verb such as `split` could start.
    public static IReadOnlyList<ICliVerb> Verbs { get; } =
        [new BillingVerb(), new KeysVerb(), new MigrateVerb(), new SplitVerb(), new UsersVerb(), new VersionVerb()];

    public static bool Recognises(string[] args) => args.Length > 0 && !args[0].StartsWith('-') || args.Length > 0 && HelpWords.Contains(args[0]);

    public static Task<int> RunAsync(string[] args) => RunAsync(args, Console.Out, Console.Error);

    /// <param name="settings">Configuration overrides (tests point <c>Data:Path</c> at a temp folder).</param>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, IReadOnlyDictionary<string, string?>? settings = null)
    {
        if (HelpWords.Contains(args[0]))
        {
            PrintHelp(output);
            return 0;
        }

        var verb = Verbs.FirstOrDefault(v => v.Name == args[0]);
        if (verb is null)
        {
            await error.WriteLineAsync($"Unknown command '{args[0]}'. Run with --help to see the commands.");
            return 2;
        }

        var verbArgs = new CliArgs(args.Skip(1));
        if (verbArgs.WantsHelp)
        {
            await output.WriteLineAsync(verb.Usage);
            return 0;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        try
        {
            return verb.UsesDatabase
                ? await RunWithApplicationAsync(verb, verbArgs, output, error, settings, cancel.Token)
                : await RunStandaloneAsync(verb, verbArgs, output, error, settings, cancel.Token);
        }
        catch (IncompatibleDatabaseException incompatible)
        {
            await error.WriteLineAsync($"error: {incompatible.Message}");
            return 1;
        }
        catch (CliUsageException usage)
        {
            await error.WriteLineAsync($"error: {usage.Message}");
            await error.WriteLineAsync();
            await error.WriteLineAsync(verb.Usage);
            return 2;
        }
    }

    /// <summary>The web app's configuration and services; the host is built but never started.</summary>
    private static async Task<int> RunWithApplicationAsync(
        ICliVerb verb, CliArgs args, TextWriter output, TextWriter error, IReadOnlyDictionary<string, string?>? settings, CancellationToken ct)
    {
        var builder = AudioPortalHost.CreateBuilder([]);
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddAudioPortal();
        await using var app = builder.Build();
        await using var scope = app.Services.CreateAsyncScope();

        // Verbs work on the same database as the portal; bring a fresh install's schema up first.
        await DataWiring.MigrateAsync(scope.ServiceProvider, ct);
        return await verb.RunAsync(args, new CliContext(scope.ServiceProvider, output, error, ct));
    }

    /// <summary>The same configuration sources as the web app, and the audio engine: no host, no database.</summary>
    private static async Task<int> RunStandaloneAsync(
        ICliVerb verb, CliArgs args, TextWriter output, TextWriter error, IReadOnlyDictionary<string, string?>? settings, CancellationToken ct)
    {
        var configuration = AudioPortalHost.CreateConfiguration(settings);
        await using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddAudioEngine(configuration).BuildServiceProvider();
        return await verb.RunAsync(args, new CliContext(services, output, error, ct));
    }

    private static void PrintHelp(TextWriter output)
    {
        output.WriteLine("AudioPortal — run with no arguments to start the portal and API.");
        output.WriteLine();
        output.WriteLine("Usage: dotnet run --project src/AudioPortal.Web -- <command> [options]");
        output.WriteLine();
        output.WriteLine("Commands:");
        foreach (var verb in Verbs)
        {
            output.WriteLine($"  {verb.Name,-10} {verb.Summary}");
        }

        output.WriteLine();
        output.WriteLine("Run '<command> --help' for a command's options.");
    }
}

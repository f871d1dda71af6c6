using System.Runtime.InteropServices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AudioPortal.Cli;

/// <summary>
/// Runs one verb of a <see cref="CliProgram"/>: help, unknown verbs and usage errors (exit 2), Ctrl+C and SIGTERM
/// as a cancellation token. Verbs that need no database get configuration and the audio engine here; the others are
/// handed to the program's <see cref="CliProgram.RunWithApplication"/>.
/// </summary>
public static class CliDispatcher
{
    public static readonly IReadOnlyList<string> HelpWords = ["help", "--help", "-h"];

    public static async Task<int> RunAsync(
        CliProgram program, string[] args, TextWriter output, TextWriter error, IReadOnlyDictionary<string, string?>? settings = null)
    {
        if (args.Length == 0 || HelpWords.Contains(args[0]))
        {
            PrintHelp(program, args.Length == 0 ? error : output);
            return args.Length == 0 ? 2 : 0;
        }

        var verb = program.Verbs.FirstOrDefault(v => v.Name == args[0]);
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

        // Ctrl+C, and the SIGTERM of `kill`, `timeout`, systemd or `docker stop`, cancel the verb instead of ending
        // the process at once: a split then stops its ffmpeg processes and deletes its partial files (killed
        // outright, it left both behind). The exit code is the one a shell reports for the signal (130, 143).
        using var cancel = new CancellationTokenSource();
        var exitOnSignal = 0;
        void Stop(PosixSignalContext signal)
        {
            signal.Cancel = true;
            Interlocked.CompareExchange(ref exitOnSignal, signal.Signal == PosixSignal.SIGTERM ? 143 : 130, 0);
            cancel.Cancel();
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        try
        {
            var run = new VerbRun(verb, verbArgs, output, error, settings, cancel.Token);
            return verb.UsesDatabase
                ? await (program.RunWithApplication ?? throw new InvalidOperationException($"{program.Invocation} cannot run '{verb.Name}'."))(run)
                : await RunStandaloneAsync(run);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return exitOnSignal;
        }
        catch (OptionsValidationException invalid)
        {
            // A bad setting (appsettings.json or the environment) is the operator's to fix, named by its key: no stack trace.
            await error.WriteLineAsync($"error: {invalid.Message}");
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

    /// <summary>The application's configuration sources and the audio engine: no host, no database.</summary>
    private static async Task<int> RunStandaloneAsync(VerbRun run)
    {
        var configuration = AppConfiguration.Create(run.Settings);
        await using var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddAudioEngine(configuration)
            .BuildServiceProvider();
        return await run.Verb.RunAsync(run.Args, new CliContext(services, run.Out, run.Error, run.CancellationToken));
    }

    private static void PrintHelp(CliProgram program, TextWriter output)
    {
        output.WriteLine(program.Description);
        output.WriteLine();
        output.WriteLine($"Usage: {program.Invocation} <command> [options]");
        output.WriteLine();
        output.WriteLine("Commands:");
        foreach (var verb in program.Verbs.OrderBy(v => v.Name, StringComparer.Ordinal))
        {
            output.WriteLine($"  {verb.Name,-10} {verb.Summary}");
        }

        output.WriteLine();
        output.WriteLine("Run '<command> --help' for a command's options.");
    }
}

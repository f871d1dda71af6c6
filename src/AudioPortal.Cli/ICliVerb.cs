namespace AudioPortal.Cli;

/// <summary>
/// A command: <c>audioportal &lt;verb&gt; …</c> or <c>dotnet run --project src/AudioPortal.Web -- &lt;verb&gt; …</c>.
/// A verb is one class and one entry in its program's verb list (<see cref="StandaloneCli.Verbs"/> here, the web
/// project's <c>WebCli</c> for the verbs that work on the portal's data); tests check none is missing.
/// </summary>
public interface ICliVerb
{
    /// <summary>The first word on the command line, e.g. <c>migrate</c> or <c>users</c>.</summary>
    string Name { get; }

    /// <summary>One line for the verb list.</summary>
    string Summary { get; }

    /// <summary>The full usage text printed by <c>&lt;verb&gt; --help</c> and after a usage error.</summary>
    string Usage { get; }

    /// <summary>
    /// Whether the verb works on the portal's data. Verbs that do get the whole application's services and a
    /// migrated database from the web project; the others (<c>split</c>, <c>version</c>) get configuration and the
    /// audio engine only, so they start at once, never create a database, and run in the native <c>audioportal</c>.
    /// </summary>
    bool UsesDatabase { get; }

    /// <summary>
    /// Runs with the arguments after the verb. Return 0 on success; throw <see cref="CliUsageException"/> for bad
    /// arguments; let the cancellation of <see cref="CliContext.CancellationToken"/> (Ctrl+C, SIGTERM) propagate.
    /// </summary>
    Task<int> RunAsync(CliArgs args, CliContext context);
}

/// <summary>What a verb works with: its services and the console.</summary>
public sealed record CliContext(IServiceProvider Services, TextWriter Out, TextWriter Error, CancellationToken CancellationToken);

/// <summary>Bad arguments: the dispatcher prints the message and the verb's usage, and exits with 2.</summary>
public sealed class CliUsageException(string message) : Exception(message);

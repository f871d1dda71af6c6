namespace AudioPortal.Web.Cli;

/// <summary>
/// An operator command: <c>dotnet run --project src/AudioPortal.Web -- &lt;verb&gt; …</c>. A feature adds a verb
/// with one class in <c>Cli/</c> and one entry in <see cref="CliDispatcher.Verbs"/> (a test checks none is missing).
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
    /// migrated database; the others (<c>split</c>, <c>version</c>) get configuration and the audio engine only, so
    /// they start in a tenth of a second instead of seconds, and never create a database in the working folder.
    /// </summary>
    bool UsesDatabase { get; }

    /// <summary>Runs with the arguments after the verb. Return 0 on success; throw <see cref="CliUsageException"/> for bad arguments.</summary>
    Task<int> RunAsync(CliArgs args, CliContext context);
}

/// <summary>What a verb works with: the application's services (not started as a web host) and the console.</summary>
public sealed record CliContext(IServiceProvider Services, TextWriter Out, TextWriter Error, CancellationToken CancellationToken);

/// <summary>Bad arguments: the dispatcher prints the message and the verb's usage, and exits with 2.</summary>
public sealed class CliUsageException(string message) : Exception(message);

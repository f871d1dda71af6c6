namespace AudioPortal.Web.Cli;

/// <summary>
/// An operator command: <c>dotnet run --project src/AudioPortal.Web -- &lt;verb&gt; …</c>. Implementations are
/// found by reflection, so a feature adds a verb by adding one class in its <c>Cli/</c> file.
/// </summary>
public interface ICliVerb
{
    /// <summary>The first word on the command line, e.g. <c>migrate</c> or <c>users</c>.</summary>
    string Name { get; }

    /// <summary>One line for the verb list.</summary>
    string Summary { get; }

    /// <summary>The full usage text printed by <c>&lt;verb&gt; --help</c> and after a usage error.</summary>
    string Usage { get; }

    /// <summary>Runs with the arguments after the verb. Return 0 on success; throw <see cref="CliUsageException"/> for bad arguments.</summary>
    Task<int> RunAsync(CliArgs args, CliContext context);
}

/// <summary>What a verb works with: the application's services (not started as a web host) and the console.</summary>
public sealed record CliContext(IServiceProvider Services, TextWriter Out, TextWriter Error, CancellationToken CancellationToken);

/// <summary>Bad arguments: the dispatcher prints the message and the verb's usage, and exits with 2.</summary>
public sealed class CliUsageException(string message) : Exception(message);

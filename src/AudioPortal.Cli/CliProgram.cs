namespace AudioPortal.Cli;

/// <summary>
/// A command line: how it is invoked (for the help text), what it is, its verbs, and — for a program whose verbs
/// work on the portal's data — how such a verb gets the application's services.
/// </summary>
/// <param name="Invocation">e.g. <c>audioportal</c>; help prints "Usage: {Invocation} &lt;command&gt; [options]".</param>
/// <param name="Description">The first line of the help text.</param>
/// <param name="RunWithApplication">Runs a verb whose <see cref="ICliVerb.UsesDatabase"/> is true; null when the program has none.</param>
public sealed record CliProgram(
    string Invocation,
    string Description,
    IReadOnlyList<ICliVerb> Verbs,
    Func<VerbRun, Task<int>>? RunWithApplication = null);

/// <summary>One verb about to run: its arguments, the console, configuration overrides and the Ctrl+C token.</summary>
/// <param name="Settings">Configuration overrides on top of the usual sources (tests point folders at temp ones).</param>
public sealed record VerbRun(
    ICliVerb Verb,
    CliArgs Args,
    TextWriter Out,
    TextWriter Error,
    IReadOnlyDictionary<string, string?>? Settings,
    CancellationToken CancellationToken);

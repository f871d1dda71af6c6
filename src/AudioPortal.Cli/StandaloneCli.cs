namespace AudioPortal.Cli;

/// <summary>The verbs that need no portal, and the native <c>audioportal</c> program that offers just those.</summary>
public static class StandaloneCli
{
    // Listed rather than found by reflection: scanning types is slow at start-up and not possible natively compiled.
    public static IReadOnlyList<ICliVerb> Verbs { get; } = [new SplitVerb(), new VersionVerb()];

    public static CliProgram Program { get; } = new(
        "audioportal",
        "AudioPortal's command line: split audio files on this machine (the portal's own commands run from the web project).",
        Verbs);
}

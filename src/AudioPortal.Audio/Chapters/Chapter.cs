namespace AudioPortal.Audio.Chapters;

/// <summary>A chapter of a source (embedded, or a CUE sheet's track): where it starts and what it is called.</summary>
/// <param name="StartSeconds">The chapter's start on the source's timeline.</param>
/// <param name="Title">The chapter's title, or null when it has none.</param>
public sealed record Chapter(double StartSeconds, string? Title)
{
    /// <summary>The track's performer (a CUE sheet's <c>PERFORMER</c>), or null.</summary>
    public string? Performer { get; init; }
}

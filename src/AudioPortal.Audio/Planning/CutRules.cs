namespace AudioPortal.Audio.Planning;

/// <summary>How the next nominal cut is found.</summary>
internal enum NominalKind
{
    /// <summary>A fixed length after the previous cut (segmentDuration): no part is longer than the step.</summary>
    Every,

    /// <summary>Fixed points on a grid of N equal parts (parts): the count holds unless a cap adds parts.</summary>
    Grid,

    /// <summary>As far as the cap allows (fileSize): the fewest parts.</summary>
    Fill,
}

/// <summary>The cut planner's whole input, in samples of the source; see <see cref="CutPlanner"/>.</summary>
/// <param name="Step">For <see cref="NominalKind.Every"/>: samples between nominal cuts.</param>
/// <param name="Grid">For <see cref="NominalKind.Grid"/>: the nominal ends, the last being the total.</param>
/// <param name="MaxPartSamples">The hard cap on a part's length, overlap included; null for none.</param>
/// <param name="SearchWindowSeconds">How far back a cut may move; null for 15 % of the part, at most 60 s.</param>
internal sealed record CutRules(
    long TotalSamples,
    int SampleRate,
    int Granularity,
    NominalKind Kind,
    long Step = 0,
    IReadOnlyList<long>? Grid = null,
    long? MaxPartSamples = null,
    long OverlapSamples = 0,
    double? SearchWindowSeconds = null);

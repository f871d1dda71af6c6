namespace AudioPortal.Audio.Manifest;

/// <summary>What a split made (or will make) of a source: every part's offsets, reason, size and checksum.</summary>
/// <param name="Source">The source's file name, as the CUE sheet refers to it.</param>
public sealed record SplitManifest(
    string Source,
    int SampleRate,
    long TotalSamples,
    long OverlapSamples,
    IReadOnlyList<ManifestPart> Parts);

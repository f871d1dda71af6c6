using AudioPortal.Audio.Planning;

namespace AudioPortal.Audio.Manifest;

/// <summary>
/// One part's true place in the source: samples [<see cref="StartSample"/>, <see cref="EndSample"/>) at the source's
/// <see cref="SampleRate"/>, <see cref="OverlapSamples"/> of them repeated from the part before, and why it ends there.
/// <see cref="FileName"/>, <see cref="Bytes"/> and <see cref="Sha256"/> are null in a plan (nothing written yet).
/// </summary>
public sealed record ManifestPart(
    int Index,
    long StartSample,
    long EndSample,
    int SampleRate,
    long OverlapSamples,
    CutReason CutReason,
    string? Title,
    string? FileName,
    long? Bytes,
    string? Sha256)
{
    public double StartSeconds => StartSample / (double)SampleRate;

    public double EndSeconds => EndSample / (double)SampleRate;
}

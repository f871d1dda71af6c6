namespace AudioPortal.Audio.Probing;

/// <summary>The container a file really is, detected from its bytes (never its name).</summary>
public enum AudioContainer
{
    Wav,
    Mp3,
    Flac,
    Ogg,
    Aac,
    M4a,
}

/// <summary>What a probe learns about a source: enough to plan a split and to show the user.</summary>
/// <param name="Codec">e.g. pcm_s16le, mp3, flac, vorbis, opus, aac.</param>
/// <param name="BitsPerSample">For PCM and FLAC; null for lossy codecs.</param>
/// <param name="BitRate">Bits per second (average for VBR); null where meaningless.</param>
/// <param name="TotalSamples">Samples per channel: the exact length.</param>
public sealed record AudioInfo(
    AudioContainer Container,
    string Codec,
    int SampleRate,
    int Channels,
    int? BitsPerSample,
    int? BitRate,
    long TotalSamples,
    IReadOnlyDictionary<string, string> Tags)
{
    /// <summary>The chapters embedded in the source (ID3v2 <c>CHAP</c>, MP4 chapter lists, FLAC CUESHEET, Vorbis <c>CHAPTERxxx</c>), in order; empty when it has none.</summary>
    public IReadOnlyList<Chapters.Chapter> Chapters { get; init; } = [];

    public double DurationSeconds => SampleRate == 0 ? 0 : TotalSamples / (double)SampleRate;
}

using AudioPortal.Audio.Planning;

namespace AudioPortal.Audio.Presets;

/// <summary>
/// A named bundle of split settings for a service that takes the parts (a transcription API, a podcast host): the
/// output a service accepts and its per-file limits. <see cref="EffectiveMaxFileSize"/> is what a split asks for, so
/// the encoded parts land under the service's limit with room to spare; the writers' re-split keeps every part under it.
/// </summary>
public sealed record SplitPreset
{
    /// <summary>Lowercase letters, digits and dashes: <c>openai-whisper</c>.</summary>
    public required string Name { get; init; }

    public required string Description { get; init; }

    public required OutputFormat Format { get; init; }

    /// <summary>The codec the service expects inside <see cref="Format"/>, when the format allows several (informative).</summary>
    public string? Codec { get; init; }

    /// <summary>The sample rate the service works at (Hz), e.g. 16000 for speech models.</summary>
    public int? SampleRate { get; init; }

    public int? Channels { get; init; }

    /// <summary>Bits per second of a lossy output.</summary>
    public int? BitRate { get; init; }

    /// <summary>The service's limit per file in bytes (before <see cref="SafetyMargin"/>).</summary>
    public long? MaxFileSize { get; init; }

    /// <summary>The service's limit per file in seconds.</summary>
    public double? MaxSegmentDuration { get; init; }

    /// <summary>Held back from <see cref="MaxFileSize"/>: a fraction of it when below 1 (0.02 = 2 %), else bytes.</summary>
    public double SafetyMargin { get; init; }

    public CutAt CutAt { get; init; } = CutAt.Exact;

    /// <summary>Where the limits come from, e.g. "OpenAI: 25 MB per file".</summary>
    public string? Source { get; init; }

    /// <summary>The size cap a split asks for: <see cref="MaxFileSize"/> minus the margin (null without a size limit).</summary>
    public long? EffectiveMaxFileSize => MaxFileSize is { } cap
        ? cap - (long)Math.Ceiling(SafetyMargin < 1 ? cap * SafetyMargin : SafetyMargin)
        : null;

    /// <summary>
    /// The preset's sample rate, channels and bitrate for parts written as <paramref name="format"/>: the bitrate only
    /// for a lossy format (a preset for mp3 asked for as flac keeps its rate and channels, not its 64 kb/s).
    /// </summary>
    public PartEncoding EncodingFor(OutputFormat format) =>
        new(SampleRate, Channels, format is OutputFormat.Wav or OutputFormat.Flac ? null : BitRate);

    /// <summary>What is wrong with this preset, one message per problem (empty when it can be used).</summary>
    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrEmpty(Name) || !Name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            yield return "the name may hold only lowercase letters, digits and dashes.";
        }

        if (string.IsNullOrWhiteSpace(Description))
        {
            yield return "Description is required.";
        }

        if (MaxFileSize is null && MaxSegmentDuration is null)
        {
            yield return "give MaxFileSize or MaxSegmentDuration (or both).";
        }

        if (MaxFileSize is <= 0)
        {
            yield return "MaxFileSize must be positive.";
        }

        if (MaxSegmentDuration is { } seconds && (!double.IsFinite(seconds) || seconds < 1))
        {
            yield return "MaxSegmentDuration must be at least 1 second.";
        }

        if (!double.IsFinite(SafetyMargin) || SafetyMargin < 0 || (MaxFileSize is > 0 && EffectiveMaxFileSize <= 0))
        {
            yield return "SafetyMargin must be a fraction below 1 or bytes below MaxFileSize.";
        }

        if (SampleRate is < 8000 or > 192000)
        {
            yield return "SampleRate must be between 8000 and 192000.";
        }

        if (Channels is < 1 or > 8)
        {
            yield return "Channels must be between 1 and 8.";
        }

        if (BitRate is < 8000 or > 512000)
        {
            yield return "BitRate must be between 8000 and 512000 bits per second.";
        }
    }
}

using AudioPortal.Audio.Planning;
using AudioPortal.Audio.Writing;

namespace AudioPortal.Audio.Presets;

/// <summary>
/// A preset as configured (<c>Splits:Presets:&lt;name&gt;:MaxFileSize</c> and so on): a new preset gives at least a
/// format, a description and a limit; a shipped one's name overrides only the keys given.
/// </summary>
public sealed class PresetSettings
{
    public string? Description { get; set; }

    /// <summary>mp3, wav, flac, ogg or aac.</summary>
    public string? Format { get; set; }

    public string? Codec { get; set; }

    public int? SampleRate { get; set; }

    public int? Channels { get; set; }

    public int? BitRate { get; set; }

    public long? MaxFileSize { get; set; }

    public double? MaxSegmentDuration { get; set; }

    /// <summary>A fraction below 1, else bytes.</summary>
    public double? SafetyMargin { get; set; }

    /// <summary>exact or silence.</summary>
    public string? CutAt { get; set; }

    public string? Source { get; set; }

    /// <summary>This configuration laid over <paramref name="shipped"/> (or alone); problems when a value cannot be read.</summary>
    public (SplitPreset? Preset, IReadOnlyList<string> Problems) Build(string name, SplitPreset? shipped)
    {
        var problems = new List<string>();
        var format = Format is null ? shipped?.Format : OutputFormats.Parse(Format);
        if (format is null)
        {
            problems.Add(Format is null ? "Format is required (mp3, wav, flac, ogg or aac)." : $"Format '{Format}' is not one of mp3, wav, flac, ogg, aac.");
        }

        Planning.CutAt? cutAt = CutAt?.ToLowerInvariant() switch
        {
            null => shipped?.CutAt ?? Planning.CutAt.Exact,
            "exact" => Planning.CutAt.Exact,
            "silence" => Planning.CutAt.Silence,
            _ => null,
        };
        if (cutAt is null)
        {
            problems.Add($"CutAt '{CutAt}' is not exact or silence.");
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        return (new SplitPreset
        {
            Name = name,
            Description = Description ?? shipped?.Description ?? "",
            Format = format!.Value,
            Codec = Codec ?? shipped?.Codec,
            SampleRate = SampleRate ?? shipped?.SampleRate,
            Channels = Channels ?? shipped?.Channels,
            BitRate = BitRate ?? shipped?.BitRate,
            MaxFileSize = MaxFileSize ?? shipped?.MaxFileSize,
            MaxSegmentDuration = MaxSegmentDuration ?? shipped?.MaxSegmentDuration,
            SafetyMargin = SafetyMargin ?? shipped?.SafetyMargin ?? 0,
            CutAt = cutAt!.Value,
            Source = Source ?? shipped?.Source,
        }, problems);
    }
}

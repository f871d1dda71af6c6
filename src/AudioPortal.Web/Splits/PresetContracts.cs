using AudioPortal.Audio.Planning;
using AudioPortal.Audio.Presets;

namespace AudioPortal.Web.Splits;

/// <summary>The JSON shapes of <c>GET /api/v1/presets</c> (API.md §10).</summary>
public static class PresetContracts
{
    /// <summary>
    /// A preset: the output it asks for, the service's limits (<c>maxFileSize</c> in bytes, <c>maxSegmentDuration</c>
    /// in seconds), the margin held back (a fraction below 1, else bytes) and the size cap a split then uses.
    /// </summary>
    public sealed record PresetDto(
        string Name, string Description, string Format, string? Codec, int? SampleRate, int? Channels, int? Bitrate,
        long? MaxFileSize, double? MaxSegmentDuration, double SafetyMargin, long? EffectiveMaxFileSize, string CutAt, string? Source);

    public sealed record PresetListDto(IReadOnlyList<PresetDto> Data);

    public static PresetListDto ToDto(this IEnumerable<SplitPreset> presets) => new(presets.Select(p => new PresetDto(
        p.Name, p.Description, p.Format.ToString().ToLowerInvariant(), p.Codec, p.SampleRate, p.Channels, p.BitRate,
        p.MaxFileSize, p.MaxSegmentDuration, p.SafetyMargin, p.EffectiveMaxFileSize, p.CutAt == CutAt.Silence ? "silence" : "exact", p.Source)).ToList());
}

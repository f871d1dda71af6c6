using AudioPortal.Audio.Planning;
using AudioPortal.Audio.Presets;
using AudioPortal.Audio.Writing;
using AudioPortal.Core.Errors;

namespace AudioPortal.Core.Splits.Presets;

/// <summary>
/// The presets a split may name (<c>preset</c> on create and preview, <c>GET /presets</c>, the portal's picker): the
/// shipped ones with <c>Splits:Presets</c> added or overriding by name. <see cref="Apply"/> is the one place a preset
/// becomes request fields.
/// </summary>
public sealed class PresetCatalog(SplitsOptions options)
{
    private readonly PresetList _presets = SplitPresets.Configure(options.Presets);

    public IReadOnlyList<SplitPreset> All => _presets.Presets;

    public SplitPreset? Find(string name) => SplitPresets.Find(All, name);

    /// <summary>
    /// <paramref name="request"/> with its preset's settings in the fields the client left out (explicit fields win).
    /// Without a mode of its own the request splits by the preset's size limit (or by its length limit when it has
    /// none); with one, the preset's limits still cap every part — except chapters, whose cuts are the chapters (the
    /// engine takes no caps or silences there), which get only the format and its encoding (sample rate, channels, bitrate). An unknown name is a field error listing the names.
    /// </summary>
    public Result<CreateSplitRequest> Apply(CreateSplitRequest request)
    {
        if (request.Preset is null)
        {
            return request;
        }

        if (Find(request.Preset) is not { } preset)
        {
            return AppError.Validation([new FieldError("preset", $"Unknown preset '{request.Preset}'. Use one of: {_presets.Names}.")]);
        }

        var values = SplitValidation.ModesOfValues(request.SegmentDuration, request.MaxFileSize, request.Parts);
        var cap = preset.EffectiveMaxFileSize;
        // The mode a lone value implies is written out, because the preset's cap adds a second value (maxFileSize).
        var mode = request.SplitMode ?? values.Count switch
        {
            0 => cap is null ? SplitModes.Duration : SplitModes.FileSize,
            1 => values[0],
            _ => null,
        };
        request = WithEncoding(request with { OutputFormat = request.OutputFormat ?? FormatName(preset) }, preset);
        if (mode == SplitModes.Chapters)
        {
            return request;
        }

        return request with
        {
            SplitMode = mode,
            SegmentDuration = request.SegmentDuration ?? (mode == SplitModes.Duration && preset.MaxSegmentDuration is { } seconds ? (int)Math.Floor(seconds) : null),
            MaxFileSize = request.MaxFileSize ?? cap,
            MaxSegmentDuration = request.MaxSegmentDuration ?? preset.MaxSegmentDuration,
            CutAt = request.CutAt ?? (preset.CutAt == CutAt.Silence ? CutAtValues.Silence : CutAtValues.Exact),
        };
    }

    private static string FormatName(SplitPreset preset) => preset.Format.ToString().ToLowerInvariant();

    /// <summary>The preset's rate, channels and (for a lossy format) bitrate where the request gives none.</summary>
    private static CreateSplitRequest WithEncoding(CreateSplitRequest request, SplitPreset preset)
    {
        var encoding = preset.EncodingFor(OutputFormats.Parse(request.OutputFormat) ?? preset.Format);
        return request with
        {
            SampleRate = request.SampleRate ?? encoding.SampleRate,
            Channels = request.Channels ?? encoding.Channels,
            BitRate = request.BitRate ?? encoding.BitRate,
        };
    }
}

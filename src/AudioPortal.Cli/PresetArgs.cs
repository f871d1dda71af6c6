using AudioPortal.Audio.Planning;
using AudioPortal.Audio.Presets;

namespace AudioPortal.Cli;

/// <summary><c>split --preset NAME</c>: a shipped preset's format, caps and cut placement, under the options given.</summary>
internal static class PresetArgs
{
    private static readonly string Names = string.Join(", ", SplitPresets.Shipped.Select(p => p.Name));

    public static string Usage { get; } = $"""
          --preset NAME        a service's settings (format, rate, channels, bitrate, caps, cut-at); options given win:
                               {Names}

        """;

    /// <summary>The preset named by <c>--preset</c>, or null; an unknown name is a usage error listing the names.</summary>
    public static SplitPreset? Read(CliArgs args) =>
        args.Optional("preset") is not { } name ? null
        : SplitPresets.Find(SplitPresets.Shipped, name)
          ?? throw new CliUsageException($"Unknown --preset '{name}': use one of {Names}.");

    /// <summary>The preset's sample rate, channels and bitrate for parts in <paramref name="format"/> (the preset's own when not given).</summary>
    public static PartEncoding EncodingFor(SplitPreset? preset, OutputFormat? format) =>
        preset?.EncodingFor(format ?? preset.Format) ?? PartEncoding.Source;

    /// <summary>
    /// The preset's length cap and cut placement where <c>--max-duration</c> and <c>--cut-at</c> were not given, and
    /// its sample rate, channels and (for a lossy format) bitrate.
    /// </summary>
    public static SplitRequest Fill(CliArgs args, SplitRequest request, SplitPreset? preset, OutputFormat? format) => preset is null ? request : request with
    {
        Encoding = EncodingFor(preset, format),
        MaxSegmentSeconds = request.MaxSegmentSeconds ?? preset.MaxSegmentDuration,
        CutAt = args.Optional("cut-at") is null ? preset.CutAt : request.CutAt,
    };
}

using AudioPortal.Audio.Planning;
using AudioPortal.Audio.Presets;

namespace AudioPortal.Cli;

/// <summary><c>split --preset NAME</c>: a shipped preset's format, caps and cut placement, under the options given.</summary>
internal static class PresetArgs
{
    private static readonly string Names = string.Join(", ", SplitPresets.Shipped.Select(p => p.Name));

    public static string Usage { get; } = $"""
          --preset NAME        a service's settings (format, size and length caps, cut-at); options given win:
                               {Names}

        """;

    /// <summary>The preset named by <c>--preset</c>, or null; an unknown name is a usage error listing the names.</summary>
    public static SplitPreset? Read(CliArgs args) =>
        args.Optional("preset") is not { } name ? null
        : SplitPresets.Find(SplitPresets.Shipped, name)
          ?? throw new CliUsageException($"Unknown --preset '{name}': use one of {Names}.");

    /// <summary>The preset's length cap and cut placement where <c>--max-duration</c> and <c>--cut-at</c> were not given.</summary>
    public static SplitRequest Fill(CliArgs args, SplitRequest request, SplitPreset? preset) => preset is null ? request : request with
    {
        MaxSegmentSeconds = request.MaxSegmentSeconds ?? preset.MaxSegmentDuration,
        CutAt = args.Optional("cut-at") is null ? preset.CutAt : request.CutAt,
    };
}

using System.Globalization;
using AudioPortal.Audio.Planning;
using AudioPortal.Audio.Silence;

namespace AudioPortal.Cli;

/// <summary>The <c>split</c> options for silence-aware cuts, caps, overlap and fades, read onto a request.</summary>
internal static class SmartCutArgs
{
    public const string Usage = """
          --cut-at MODE        exact (default) or silence: move each cut back to the middle of the longest silence before it
          --max-duration SECS  a hard cap on every part's length (with --max-size, both hold); alone, parts as long as it allows
          --overlap SECS       each part after the first starts this much (0-30 s) before the previous part's end
          --silence-threshold DB  silence is this far under the file's median level; default -25
          --silence-floor DBFS    frames under this absolute level are always silence
          --min-silence MS     the shortest silence; default 300
          --search-window SECS how far back a cut may move; default 15 % of the part, at most 60
          --fade MS            fade in/out at each cut (0-500), transcodes only
          --name TEMPLATE      part names: {name} {n} {n:02} {N} {title} {start}; default {name}-part-{n:02}
          --dry-run            print the plan and its manifest; write nothing
        """;

    public static SplitRequest Read(CliArgs args, SplitRequest request)
    {
        var cutAt = args.Optional("cut-at") switch
        {
            null or "exact" => CutAt.Exact,
            "silence" => CutAt.Silence,
            var other => throw new CliUsageException($"--cut-at is exact or silence, not '{other}'."),
        };
        return request with
        {
            CutAt = cutAt,
            MaxSegmentSeconds = Number(args, "max-duration"),
            OverlapSeconds = Number(args, "overlap") ?? 0,
            FadeMs = Number(args, "fade") is { } fade ? (int)Math.Round(fade) : 0,
            Silence = new SilenceSettings(
                Number(args, "silence-threshold") ?? SilenceSettings.DefaultThresholdDb,
                Number(args, "silence-floor"),
                Number(args, "min-silence") is { } ms ? (int)Math.Round(ms) : SilenceSettings.DefaultMinSilenceMs,
                Number(args, "search-window")),
        };
    }

    public static double? Number(CliArgs args, string option) =>
        args.Optional(option) is not { } text ? null
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value
        : throw new CliUsageException($"--{option} needs a number, not '{text}'.");
}

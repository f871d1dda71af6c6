using System.Globalization;
using System.Text;
using AudioPortal.Audio;
using AudioPortal.Audio.Manifest;
using AudioPortal.Audio.Planning;
using AudioPortal.Audio.Probing;
using AudioPortal.Audio.Writing;
using Microsoft.Extensions.DependencyInjection;

namespace AudioPortal.Cli;

/// <summary>
/// <c>split</c>: splits a local file with the same engine the job worker uses — probe, plan, write — printing
/// what it found, the plan and a progress bar. Failures print the catalog code and message and exit with 1.
/// </summary>
public sealed class SplitVerb : ICliVerb
{
    public string Name => "split";

    public bool UsesDatabase => false;

    public string Summary => "Split a local audio file into parts (by duration, size, count or chapters).";

    // Raw literals drop their last newline, so the pieces are joined with one.
    public string Usage => string.Join('\n', """
        Usage: split <input> (--every SECONDS | --max-size SIZE | --parts N | --max-duration SECONDS | --chapters | --cue FILE | --preset NAME)
                     [--format FORMAT] [--out DIR] [--parallel N] [--cut-at silence] [--overlap SECONDS] [--fade MS]
                     [--name TEMPLATE] [--dry-run]

          --every SECONDS  parts of this many seconds; the last part is the remainder
          --max-size SIZE  parts of at most this many bytes: 500000, 800KB, 25MB, 1GB (powers of 1000) or KiB/MiB/GiB
          --parts N        N parts of equal length
        """, ChapterArgs.Usage, """
          --format FORMAT  mp3, wav, flac, ogg or aac (AAC in .m4a); default: the source's own format
          --out DIR        where to write name-part-01.ext, …; default: the input's folder
          --parallel N     encoder processes at once for transcodes; default: the number of cores
        """, PresetArgs.Usage, SmartCutArgs.Usage, """

        Beside the parts: manifest.json (each part's offsets in samples and seconds, cut reason, bytes, SHA-256)
        and manifest.cue (the cut points as a CUE sheet over the source).
        """);

    public async Task<int> RunAsync(CliArgs args, CliContext context)
    {
        var input = args.Positional(0, "the input file");
        var request = ReadRequest(args, out var formatGiven);
        var outDir = args.Optional("out") ?? Path.GetDirectoryName(Path.GetFullPath(input))!;
        var parallel = args.Optional("parallel") is { } p ? PositiveInt(p, "--parallel") : Environment.ProcessorCount;
        var nameTemplate = args.Optional("name");
        var dryRun = args.Flag("dry-run");
        args.EnsureAllUsed();

        var engine = context.Services.GetRequiredService<AudioEngine>();
        var ct = context.CancellationToken;
        var probe = await engine.ProbeAsync(input, ct);
        if (!probe.IsSuccess)
        {
            return await Fail(context, probe.Error);
        }

        var source = probe.Value;
        request = request with { Format = formatGiven ?? DefaultFormat(source.Container) };
        await context.Out.WriteLineAsync($"{Path.GetFileName(input)}: {Describe(source)}");
        var plan = await engine.PlanAsync(input, source, request, ct);
        if (!plan.IsSuccess)
        {
            return await Fail(context, plan.Error);
        }

        var route = AudioEngine.RouteFor(source, request);
        await context.Out.WriteLineAsync($"Plan: {plan.Value.Parts.Count} parts as {request.Format.ToString().ToLowerInvariant()} ({RouteText(route)})");
        foreach (var part in plan.Value.Parts)
        {
            var reason = request.UsesSmartCuts || request.Mode == SplitMode.Chapters ? "  " + CutReasons.Name(part.CutReason) : "";
            reason += part.Title is { } title ? $"  \"{title}\"" : "";
            await context.Out.WriteLineAsync($"  {part.Index + 1,4}  {Clock(plan.Value.StartSeconds(part))} – {Clock(plan.Value.StartSeconds(part) + plan.Value.DurationSeconds(part))}  ({plan.Value.DurationSeconds(part):0.000} s){reason}");
        }

        if (plan.Value.SizesEstimated)
        {
            await context.Out.WriteLineAsync("  (sizes are estimated: the encoder's real rate decides, so the parts written may differ from this plan; none exceeds the limit)");
        }

        if (dryRun)
        {
            await context.Out.WriteLineAsync(Encoding.UTF8.GetString(ManifestJson.Write(AudioEngine.Describe(Path.GetFileName(input), source, plan.Value))));
            await context.Out.WriteLineAsync("Dry run: nothing was written.");
            return 0;
        }

        var bar = new ProgressBar(context.Out, redraw: ProgressBar.IsTerminal(context.Out));
        var baseName = Path.GetFileNameWithoutExtension(input);
        AudioResult<IReadOnlyList<SplitPart>> parts;
        try
        {
            parts = await engine.SplitAsync(input, source, plan.Value, new SplitOptions(outDir, baseName, parallel, bar) { NameTemplate = nameTemplate }, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            bar.End();
            await context.Error.WriteLineAsync("Cancelled; no parts were kept.");
            throw; // the dispatcher exits with the signal's code
        }

        bar.End();
        if (!parts.IsSuccess)
        {
            return await Fail(context, parts.Error);
        }

        foreach (var part in parts.Value)
        {
            await context.Out.WriteLineAsync($"  {part.Path}  {part.Size:N0} bytes  {part.DurationSeconds:0.000} s");
        }

        var manifest = await AudioEngine.DescribeAsync(Path.GetFileName(input), source, plan.Value, parts.Value, ct);
        var (json, cue) = await ManifestFiles.WriteAsync(manifest, outDir, ct);
        await context.Out.WriteLineAsync($"Wrote {parts.Value.Count} parts to {outDir}, with {Path.GetFileName(json)} and {Path.GetFileName(cue)}.");
        return 0;
    }

    private static SplitRequest ReadRequest(CliArgs args, out OutputFormat? format)
    {
        var preset = PresetArgs.Read(args);
        var every = args.Optional("every");
        var count = args.Optional("parts");
        // A preset's size cap holds whatever the mode (explicit options win); with no mode of its own it is the mode.
        var givenSize = args.Optional("max-size") is { } sizeText ? ParseSize(sizeText) : (long?)null;
        var formatText = args.Optional("format");
        format = formatText is null ? preset?.Format : OutputFormats.Parse(formatText) ?? throw new CliUsageException($"Unknown --format '{formatText}': use mp3, wav, flac, ogg or aac.");
        if (ChapterArgs.Read(args) is { } chapters)
        {
            // Chapters are the cut points: the engine refuses caps, silences and overlap with them, with its own message.
            // A preset gives chapters only its format and encoding, as on the server.
            return every is null && count is null && givenSize is null
                ? SmartCutArgs.Read(args, chapters) with { Encoding = PresetArgs.EncodingFor(preset, format) }
                : throw new CliUsageException("--chapters and --cue cut at the chapters: leave out --every, --parts and --max-size.");
        }

        var maxSize = givenSize ?? preset?.EffectiveMaxFileSize;
        if (every is not null && count is not null)
        {
            throw new CliUsageException("Give one of --every and --parts (--max-size and --max-duration may cap either).");
        }

        // The format is settled after probing (the default follows the source); Mp3 is a placeholder.
        var request = (every, count) switch
        {
            ({ } e, _) => double.TryParse(e, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds)
                ? new SplitRequest(SplitMode.Duration, OutputFormat.Mp3, SegmentSeconds: seconds, MaxFileSize: maxSize)
                : throw new CliUsageException($"--every needs a number of seconds, not '{e}'."),
            (_, { } n) => new SplitRequest(SplitMode.Parts, OutputFormat.Mp3, MaxFileSize: maxSize, Parts: PositiveInt(n, "--parts")),
            _ => new SplitRequest(SplitMode.FileSize, OutputFormat.Mp3, MaxFileSize: maxSize),
        };
        request = PresetArgs.Fill(args, SmartCutArgs.Read(args, request), preset, format);
        if (request is { Mode: SplitMode.FileSize, MaxFileSize: null })
        {
            // --max-duration alone: parts as long as the cap allows.
            return request.MaxSegmentSeconds is { } cap
                ? request with { Mode = SplitMode.Duration, SegmentSeconds = cap }
                : throw new CliUsageException("Give --every, --max-size, --parts or --max-duration.");
        }

        return request;
    }

    /// <summary>"25MB" → 25 000 000 (decimal units, the smaller reading, so a part fits whichever the user meant); "25MiB" → 26 214 400.</summary>
    internal static long ParseSize(string text)
    {
        var t = text.Trim();
        var digits = t.TakeWhile(c => char.IsAsciiDigit(c) || c == '.').Count();
        var unit = t[digits..].Trim().ToUpperInvariant();
        long? multiplier = unit switch
        {
            "" or "B" => 1,
            "K" or "KB" => 1000,
            "M" or "MB" => 1000_000,
            "G" or "GB" => 1000_000_000,
            "KIB" => 1L << 10,
            "MIB" => 1L << 20,
            "GIB" => 1L << 30,
            _ => null,
        };
        if (multiplier is null || !decimal.TryParse(t[..digits], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) || number <= 0 || number > 1_000_000_000_000m / multiplier)
        {
            throw new CliUsageException($"--max-size needs a size such as 25MB or 800KB, not '{text}'.");
        }

        return (long)Math.Floor(number * multiplier.Value);
    }

    private static int PositiveInt(string text, string option) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new CliUsageException($"{option} needs a whole number above 0, not '{text}'.");

    private static OutputFormat DefaultFormat(AudioContainer container) => container switch
    {
        AudioContainer.Wav => OutputFormat.Wav,
        AudioContainer.Mp3 => OutputFormat.Mp3,
        AudioContainer.Flac => OutputFormat.Flac,
        AudioContainer.Ogg => OutputFormat.Ogg,
        _ => OutputFormat.Aac,
    };

    private static string Describe(AudioInfo s)
    {
        var depth = s.BitsPerSample is { } b ? $", {b}-bit" : "";
        var rate = s.BitRate is { } r ? $", {r / 1000} kb/s" : "";
        return $"{s.Container.ToString().ToUpperInvariant()} ({s.Codec}), {s.SampleRate} Hz, {s.Channels} ch{depth}{rate}, {Clock(s.DurationSeconds)} ({s.TotalSamples} samples)";
    }

    private static string RouteText(SplitRoute route) => route switch
    {
        SplitRoute.WavCopy => "lossless PCM copy",
        SplitRoute.Mp3FrameCopy => "lossless MP3 frame copy",
        SplitRoute.FlacEncode => "FLAC encoder (in-process)",
        _ => "ffmpeg",
    };

    private static string Clock(double seconds) =>
        TimeSpan.FromSeconds(seconds).ToString(seconds >= 3600 ? @"h\:mm\:ss\.fff" : @"mm\:ss\.fff", CultureInfo.InvariantCulture);

    private static async Task<int> Fail(CliContext context, AudioError error)
    {
        await context.Error.WriteLineAsync($"error: {error.Code}: {error.Message}");
        return 1;
    }
}

using System.Globalization;
using AudioPortal.Audio;
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

    public string Summary => "Split a local audio file into parts (by duration, size or count).";

    public string Usage => """
        Usage: split <input> (--every SECONDS | --max-size SIZE | --parts N) [--format FORMAT] [--out DIR] [--parallel N]

          --every SECONDS  parts of this many seconds; the last part is the remainder
          --max-size SIZE  parts of at most this many bytes: 500000, 800KB, 25MB, 1GB (powers of 1000) or KiB/MiB/GiB
          --parts N        N parts of equal length
          --format FORMAT  mp3, wav, flac, ogg or aac (AAC in .m4a); default: the source's own format
          --out DIR        where to write name-part-01.ext, …; default: the input's folder
          --parallel N     encoder processes at once for transcodes; default: the number of cores
        """;

    public async Task<int> RunAsync(CliArgs args, CliContext context)
    {
        var input = args.Positional(0, "the input file");
        var request = ReadRequest(args, out var formatGiven);
        var outDir = args.Optional("out") ?? Path.GetDirectoryName(Path.GetFullPath(input))!;
        var parallel = args.Optional("parallel") is { } p ? PositiveInt(p, "--parallel") : Environment.ProcessorCount;
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
        var plan = engine.Plan(source, request);
        if (!plan.IsSuccess)
        {
            return await Fail(context, plan.Error);
        }

        var route = AudioEngine.RouteFor(source, request.Format);
        await context.Out.WriteLineAsync($"Plan: {plan.Value.Parts.Count} parts as {request.Format.ToString().ToLowerInvariant()} ({RouteText(route)})");
        foreach (var part in plan.Value.Parts)
        {
            await context.Out.WriteLineAsync($"  {part.Index + 1,4}  {Clock(plan.Value.StartSeconds(part))} – {Clock(plan.Value.StartSeconds(part) + plan.Value.DurationSeconds(part))}  ({plan.Value.DurationSeconds(part):0.000} s)");
        }

        if (plan.Value.SizesEstimated)
        {
            await context.Out.WriteLineAsync("  (sizes are estimated: the encoder's real rate decides, so the parts written may differ from this plan; none exceeds the limit)");
        }

        var bar = new ProgressBar(context.Out, redraw: ProgressBar.IsTerminal(context.Out));
        var baseName = Path.GetFileNameWithoutExtension(input);
        AudioResult<IReadOnlyList<SplitPart>> parts;
        try
        {
            parts = await engine.SplitAsync(input, source, plan.Value, new SplitOptions(outDir, baseName, parallel, bar), ct);
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

        await context.Out.WriteLineAsync($"Wrote {parts.Value.Count} parts to {outDir}.");
        return 0;
    }

    private static SplitRequest ReadRequest(CliArgs args, out OutputFormat? format)
    {
        var every = args.Optional("every");
        var maxSize = args.Optional("max-size");
        var count = args.Optional("parts");
        var formatText = args.Optional("format");
        format = formatText is null ? null : OutputFormats.Parse(formatText) ?? throw new CliUsageException($"Unknown --format '{formatText}': use mp3, wav, flac, ogg or aac.");
        if (new[] { every, maxSize, count }.Count(v => v is not null) != 1)
        {
            throw new CliUsageException("Give exactly one of --every, --max-size and --parts.");
        }

        // The format is settled after probing (the default follows the source); Mp3 is a placeholder.
        if (every is not null)
        {
            return double.TryParse(every, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds)
                ? new SplitRequest(SplitMode.Duration, OutputFormat.Mp3, SegmentSeconds: seconds)
                : throw new CliUsageException($"--every needs a number of seconds, not '{every}'.");
        }

        return maxSize is not null
            ? new SplitRequest(SplitMode.FileSize, OutputFormat.Mp3, MaxFileSize: ParseSize(maxSize))
            : new SplitRequest(SplitMode.Parts, OutputFormat.Mp3, Parts: PositiveInt(count!, "--parts"));
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

using System.Diagnostics;
using System.Globalization;
using AudioPortal.Audio;
using AudioPortal.Audio.Planning;
using AudioPortal.Audio.Writing;

// Usage: AudioPortal.Bench <input> <segment-seconds> <format> <out-dir> [parallelism]
// Probes, plans "every N seconds" and splits exactly as the job worker does; prints one timing line to stderr.
if (args.Length < 4)
{
    Console.Error.WriteLine("Usage: AudioPortal.Bench <input> <segment-seconds> <mp3|wav|flac|ogg|aac> <out-dir> [parallelism]");
    return 2;
}

var watch = Stopwatch.StartNew();
var engine = new AudioEngine(new AudioEngineOptions());
var input = args[0];
var format = OutputFormats.Parse(args[2]) ?? throw new ArgumentException($"unknown format {args[2]}");
var parallelism = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : Environment.ProcessorCount;

var probe = await engine.ProbeAsync(input);
if (!probe.IsSuccess)
{
    Console.Error.WriteLine(probe.Error);
    return 1;
}

var plan = engine.Plan(probe.Value, new SplitRequest(SplitMode.Duration, format, SegmentSeconds: double.Parse(args[1], CultureInfo.InvariantCulture)));
if (!plan.IsSuccess)
{
    Console.Error.WriteLine(plan.Error);
    return 1;
}

var probed = watch.Elapsed;
var parts = await engine.SplitAsync(input, probe.Value, plan.Value, new SplitOptions(args[3], Path.GetFileNameWithoutExtension(input), parallelism));
if (!parts.IsSuccess)
{
    Console.Error.WriteLine(parts.Error);
    return 1;
}

Console.Error.WriteLine(FormattableString.Invariant(
    $"{parts.Value.Count} parts, probe+plan {probed.TotalSeconds:0.000} s, total in-process {watch.Elapsed.TotalSeconds:0.000} s"));
return 0;

using System.Diagnostics;
using System.Globalization;
using AudioPortal.Audio;
using AudioPortal.Audio.Planning;
using AudioPortal.Audio.Writing;

// Usage: AudioPortal.Bench silence <input>   (bench/run-silence.sh: analyses the input's silences, prints "seconds silences")
if (args is ["silence", var silenceInput])
{
    return await SilenceBench.RunAsync(silenceInput);
}

// Usage: AudioPortal.Bench <warm-up input> <input> <segment-seconds> <format> <out-dir> [parallelism]
// The job worker's view of a split: the engine in a process that is already running. It first splits the (short)
// warm-up input the same way, so the runtime has compiled every method on the path, then probes, plans and splits
// <input> and prints the seconds that took (one number on stdout). The whole-process figure is the `split` verb's.
if (args.Length < 5)
{
    Console.Error.WriteLine("Usage: AudioPortal.Bench <warm-up input> <input> <segment-seconds> <mp3|wav|flac|ogg|aac> <out-dir> [parallelism]");
    return 2;
}

var engine = new AudioEngine(new AudioEngineOptions());
var format = OutputFormats.Parse(args[3]) ?? throw new ArgumentException($"unknown format {args[3]}");
var segmentSeconds = double.Parse(args[2], CultureInfo.InvariantCulture);
var parallelism = args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : Environment.ProcessorCount;

var warmUpOut = Path.Combine(args[4], ".warm-up");
var warmUp = await SplitAsync(args[0], Math.Min(segmentSeconds, 5), warmUpOut);
Directory.Delete(warmUpOut, recursive: true);
if (warmUp is not null)
{
    Console.Error.WriteLine(warmUp);
    return 1;
}

var watch = Stopwatch.StartNew();
var error = await SplitAsync(args[1], segmentSeconds, args[4]);
if (error is not null)
{
    Console.Error.WriteLine(error);
    return 1;
}

Console.WriteLine(watch.Elapsed.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture));
return 0;

async Task<AudioError?> SplitAsync(string input, double seconds, string outDir)
{
    var probe = await engine.ProbeAsync(input);
    if (!probe.IsSuccess)
    {
        return probe.Error;
    }

    var plan = engine.Plan(probe.Value, new SplitRequest(SplitMode.Duration, format, SegmentSeconds: seconds));
    if (!plan.IsSuccess)
    {
        return plan.Error;
    }

    var parts = await engine.SplitAsync(input, probe.Value, plan.Value, new SplitOptions(outDir, Path.GetFileNameWithoutExtension(input), parallelism));
    return parts.IsSuccess ? null : parts.Error;
}

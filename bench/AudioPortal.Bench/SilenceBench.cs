using System.Diagnostics;
using System.Globalization;
using AudioPortal.Audio;
using AudioPortal.Audio.Silence;

/// <summary>One silence analysis with default settings, timed after the probe (which every split runs anyway) to the map.</summary>
internal static class SilenceBench
{
    public static async Task<int> RunAsync(string input)
    {
        var engine = new AudioEngine(new AudioEngineOptions { PeaksTimeout = TimeSpan.FromHours(1) });
        var probe = await engine.ProbeAsync(input);
        var watch = Stopwatch.StartNew();
        var map = probe.IsSuccess ? await engine.AnalyzeSilenceAsync(input, probe.Value, new SilenceSettings()) : probe.Error!;
        if (!map.IsSuccess)
        {
            Console.Error.WriteLine(map.Error);
            return 1;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{watch.Elapsed.TotalSeconds:0.000} {map.Value.Silences.Count}"));
        return 0;
    }
}

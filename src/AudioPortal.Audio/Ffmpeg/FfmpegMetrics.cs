using System.Diagnostics.Metrics;

namespace AudioPortal.Audio.Ffmpeg;

/// <summary>
/// The engine's meter (<see cref="MeterName"/>): ffmpeg/ffprobe runs that failed, by tool and reason
/// (<c>exit</c>: a non-zero exit code, <c>timeout</c>: killed past its limit, <c>not_started</c>: missing or not
/// executable). A run cancelled by its caller is not a failure. The engine is a library without a container, so the
/// meter is static; a host that exports metrics listens to it by name.
/// </summary>
public static class FfmpegMetrics
{
    public const string MeterName = "AudioPortal.Audio";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Failures = Meter.CreateCounter<long>(
        "audioportal.ffmpeg.failures", "{run}", "ffmpeg/ffprobe runs that failed, by tool and reason (exit, timeout, not_started).");

    internal static void Failed(string executable, string reason) => Failures.Add(1,
        new KeyValuePair<string, object?>("tool", Path.GetFileNameWithoutExtension(executable)),
        new KeyValuePair<string, object?>("reason", reason));
}

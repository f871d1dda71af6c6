using System.Globalization;
using AudioPortal.Audio.Ffmpeg;

namespace AudioPortal.Audio.Writing;

/// <summary>Runs one ffmpeg process and maps its outcome to the engine's errors.</summary>
internal static class FfmpegPartEncoder
{
    /// <summary>Runs ffmpeg with <paramref name="arguments"/>, reporting how many samples of the part are done.</summary>
    public static async Task<AudioError?> RunAsync(
        AudioEngineOptions options, List<string> arguments, int sampleRate, Action<long> onSamplesDone, CancellationToken ct)
    {
        var run = await FfmpegProcess.RunAsync(options.FfmpegPath, arguments, line =>
        {
            // "out_time_us=1234567" (ffmpeg also prints out_time_ms with the same microseconds value).
            if (line.StartsWith("out_time_us=", StringComparison.Ordinal) &&
                long.TryParse(line.AsSpan(12), NumberStyles.Integer, CultureInfo.InvariantCulture, out var us) && us > 0)
            {
                onSamplesDone(us * sampleRate / 1_000_000);
            }
        }, ct);
        if (run is null)
        {
            return FfprobeReader.Unavailable(options.FfmpegPath);
        }

        if (run.DiskFull)
        {
            // Not the file's fault: the job is retried once there is room again.
            return new AudioError(AudioErrorCodes.ServiceUnavailable, "The server ran out of disk space while writing the parts.");
        }

        return run.Succeeded ? null : new AudioError(AudioErrorCodes.CorruptFile, $"ffmpeg could not convert the audio: {SafeText.ToolReason(run.LastError)}.")
        {
            Detail = run.LastError,
        };
    }
}

/// <summary>
/// Progress over parts written in parallel: each part reports its own samples done; the total is their sum over
/// all the work (which grows if parts must be re-split). Reported as whole percents, never backwards, 100 only at the end.
/// </summary>
internal sealed class ParallelProgress(IProgress<double>? progress, long work)
{
    private readonly Lock _lock = new();
    private long _work = work;
    private long _done;
    private int _last = -1;

    public void AddWork(long samples)
    {
        lock (_lock)
        {
            _work += samples;
        }
    }

    /// <summary>A reporter for one part of <paramref name="length"/> samples; values are cumulative within the part.</summary>
    public Action<long> ForPart(long length)
    {
        long reported = 0;
        return samples =>
        {
            var now = Math.Clamp(samples, 0, length);
            lock (_lock)
            {
                if (now <= reported)
                {
                    return;
                }

                _done += now - reported;
                reported = now;
                Report(Math.Min(99, (int)(_done * 100 / Math.Max(1, _work))));
            }
        };
    }

    public void Finish()
    {
        lock (_lock)
        {
            Report(100);
        }
    }

    private void Report(int percent)
    {
        if (percent > _last)
        {
            _last = percent;
            progress?.Report(percent);
        }
    }
}

using System.Globalization;
using AudioPortal.Audio.Ffmpeg;
using AudioPortal.Audio.Probing;

namespace AudioPortal.Audio.Peaks;

/// <summary>
/// Peaks of formats without a managed decoder. ffmpeg does the measuring itself: the decoded audio is cut into
/// frames of one bucket each and astats prints each frame's peak level as a text line, so only ~count short
/// lines cross the pipe and nothing grows with the file.
/// </summary>
internal static class FfmpegPeaks
{
    private const string PeakKey = "lavfi.astats.Overall.Peak_level=";

    public static async Task<AudioResult<float[]>> ComputeAsync(
        AudioEngineOptions options, string path, AudioInfo source, int count, CancellationToken ct)
    {
        var bucket = Math.Max(1, (source.TotalSamples + count - 1) / count);
        var filter = string.Create(CultureInfo.InvariantCulture,
            $"asetnsamples=n={bucket}:p=1,astats=metadata=1:reset=1:measure_perchannel=none:measure_overall=Peak_level,"
            + $"ametadata=mode=print:key=lavfi.astats.Overall.Peak_level:file=-");
        var peaks = new float[count];
        var index = 0;
        var run = await FfmpegProcess.RunAsync(options.FfmpegPath,
            ["-hide_banner", "-nostdin", "-v", "error", "-i", path, "-vn", "-ac", "1", "-af", filter, "-f", "null", "-"],
            line =>
            {
                if (index < count && line.StartsWith(PeakKey, StringComparison.Ordinal))
                {
                    peaks[index++] = ToLinear(line.AsSpan(PeakKey.Length));
                }
            },
            ct, options.PeaksTimeout);
        if (run is null)
        {
            return new AudioError(AudioErrorCodes.ServiceUnavailable, "ffmpeg is not installed; it is needed for this format's waveform.");
        }

        if (run.TimedOut)
        {
            return FfprobeReader.TimedOut("ffmpeg", options.PeaksTimeout);
        }

        return run.Succeeded ? peaks : new AudioError(AudioErrorCodes.CorruptFile, $"The audio could not be decoded: {SafeText.ToolReason(run.LastError)}.")
        {
            Detail = run.LastError,
        };
    }

    /// <summary>dBFS to 0–1; "-inf" (silence) is 0.</summary>
    private static float ToLinear(ReadOnlySpan<char> decibels) =>
        double.TryParse(decibels, NumberStyles.Float, CultureInfo.InvariantCulture, out var db) && !double.IsNegativeInfinity(db)
            ? (float)Math.Min(1, Math.Pow(10, db / 20))
            : 0f;
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using AudioPortal.Audio.Probing;

namespace AudioPortal.Audio.Ffmpeg;

/// <summary>
/// Probes FLAC, Ogg (Vorbis/Opus), ADTS AAC and M4A with ffprobe. One run reads the format, the first audio
/// stream, the tags and decodes the first few frames (a header that parses but does not decode is corrupt). The
/// exact length comes from where it is exact: FLAC's STREAMINFO, Ogg's last granule (less Opus's pre-skip), the
/// MP4 edit list, and for ADTS — which has no length field — a count of all packets. Chapters come from the same
/// run: MP4/M4B chapter lists, FLAC CUESHEET blocks and Vorbis <c>CHAPTERxxx</c> comments, as ffmpeg's demuxers read them.
/// </summary>
internal static class FfprobeReader
{
    private const string Entries =
        "format=duration,bit_rate:format_tags:stream=codec_name,sample_rate,channels,bits_per_raw_sample,bit_rate,duration_ts,time_base:stream_tags:frame=nb_samples:chapter=start_time:chapter_tags=title";

    public static async Task<AudioResult<AudioInfo>> ProbeAsync(
        AudioEngineOptions options, string path, AudioContainer container, CancellationToken ct)
    {
        var json = new StringBuilder();
        var run = await FfmpegProcess.RunAsync(options.FfprobePath,
            ["-v", "error", "-of", "json", "-show_entries", Entries, "-select_streams", "a:0", "-read_intervals", "%+#4", InputUrl(path)],
            line => json.AppendLine(line), ct, options.ProbeTimeout);
        if (run is null)
        {
            return Unavailable(options.FfprobePath);
        }

        if (run.TimedOut)
        {
            return TimedOut("ffprobe", options.ProbeTimeout);
        }

        if (!run.Succeeded)
        {
            return ProbeErrors.CorruptByTool(run.LastError);
        }

        FfprobeOutput parsed;
        try
        {
            parsed = FfprobeOutput.Parse(json.ToString());
        }
        catch (JsonException)
        {
            return ProbeErrors.Corrupt("ffprobe could not describe it");
        }

        if (parsed.Codec is null)
        {
            return ProbeErrors.Corrupt("it has no audio stream");
        }

        if (parsed.SampleRate <= 0 || parsed.Channels <= 0 || parsed.DecodedFrames == 0)
        {
            return ProbeErrors.Corrupt($"its {parsed.Codec} audio does not decode");
        }

        if (container == AudioContainer.Ogg && parsed.Codec is not ("vorbis" or "opus"))
        {
            return ProbeErrors.Unsupported($"{parsed.Codec} in an Ogg container");
        }

        var total = await TotalSamplesAsync(options, path, container, parsed, ct);
        if (!total.IsSuccess)
        {
            return total.Error;
        }

        if (total.Value <= 0)
        {
            return ProbeErrors.Corrupt("it holds no audio samples");
        }

        var bits = parsed.Codec is "flac" or "alac" || parsed.Codec.StartsWith("pcm_", StringComparison.Ordinal) ? parsed.BitsPerRawSample : null;
        var bitRate = parsed.BitRate ?? EstimateBitRate(path, total.Value, parsed.SampleRate);
        return new AudioInfo(container, parsed.Codec, parsed.SampleRate, parsed.Channels, bits, bitRate, total.Value, parsed.Tags)
        {
            Chapters = parsed.Chapters,
        };
    }

    /// <summary>ffmpeg takes "name:" prefixes as protocols and "-name" as options; an explicit file URL is neither.</summary>
    internal static string InputUrl(string path) => "file:" + Path.GetFullPath(path);

    /// <summary>The configured tool path is the operator's business (and a server path): it goes to the detail only.</summary>
    internal static AudioError Unavailable(string tool) =>
        new(AudioErrorCodes.ServiceUnavailable, "ffmpeg is not available on the server; install it with: apt-get install -y ffmpeg.")
        {
            Detail = $"'{tool}' cannot be run",
        };

    internal static AudioError TimedOut(string tool, TimeSpan limit) =>
        new(AudioErrorCodes.ProcessingTimeout, $"{tool} did not finish within {limit.TotalSeconds:0.#} s and was stopped.");

    private static async Task<AudioResult<long>> TotalSamplesAsync(
        AudioEngineOptions options, string path, AudioContainer container, FfprobeOutput parsed, CancellationToken ct)
    {
        switch (container)
        {
            case AudioContainer.Flac:
                // STREAMINFO may say 0 ("unknown"), written by some streaming encoders; then trust the demuxer.
                if (await StreamHeaders.ReadFlacAsync(path, ct) is { TotalSamples: > 0 } info)
                {
                    return info.TotalSamples;
                }

                break;
            case AudioContainer.Aac:
                return await CountPacketSamplesAsync(options, path, parsed.SampleRate, ct);
            case AudioContainer.Ogg when parsed.Codec == "opus":
                return parsed.DurationSamples - await StreamHeaders.ReadOpusPreSkipAsync(path, ct);
        }

        return parsed.DurationSamples;
    }

    /// <summary>Sums every packet's duration, read as a stream of lines (memory does not grow with the file).</summary>
    private static async Task<AudioResult<long>> CountPacketSamplesAsync(AudioEngineOptions options, string path, int sampleRate, CancellationToken ct)
    {
        long ticks = 0;
        string? timeBase = null;
        var run = await FfmpegProcess.RunAsync(options.FfprobePath,
            ["-v", "error", "-select_streams", "a:0", "-show_entries", "stream=time_base:packet=duration", "-of", "csv=p=0", InputUrl(path)],
            line =>
            {
                if (line.Contains('/'))
                {
                    timeBase = line.Trim();
                }
                else if (long.TryParse(line, NumberStyles.Integer, CultureInfo.InvariantCulture, out var d))
                {
                    ticks += d;
                }
            },
            ct, options.ProbeTimeout);
        if (run is null)
        {
            return Unavailable(options.FfprobePath);
        }

        if (run.TimedOut)
        {
            return TimedOut("ffprobe", options.ProbeTimeout);
        }

        if (!run.Succeeded || timeBase is null)
        {
            return ProbeErrors.CorruptByTool(run.LastError);
        }

        return FfprobeOutput.ToSamples(ticks, timeBase, sampleRate);
    }

    private static int? EstimateBitRate(string path, long totalSamples, int sampleRate) =>
        (int)Math.Min(int.MaxValue, new FileInfo(path).Length * 8.0 * sampleRate / totalSamples);
}

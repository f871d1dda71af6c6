using System.Globalization;
using AudioPortal.Audio.Ffmpeg;
using AudioPortal.Audio.Planning;
using AudioPortal.Audio.Probing;

namespace AudioPortal.Audio.Writing;

/// <summary>
/// The ffmpeg command lines of a split. A part is cut sample-accurately: the input is seeked to the first
/// sample (ffmpeg decodes from the preceding seek point and drops samples up to it, exact to the sample for
/// WAV, FLAC, Ogg and M4A sources), then <c>asegment</c> counts exactly each part's length.
/// </summary>
internal static class FfmpegArguments
{
    /// <summary>
    /// Encoder settings per output format: mp3 VBR ~190 kb/s, 16-bit wav, flac level 5, Vorbis q5, AAC 192 kb/s in M4A;
    /// a bitrate in <paramref name="encoding"/> replaces the quality setting (mp3 then is CBR), and its sample rate
    /// and channels are resampled and mixed to at the output (the cuts and fades are counted at the source's rate).
    /// </summary>
    public static IEnumerable<string> Codec(OutputFormat format, PartEncoding encoding, AudioInfo source) =>
        [.. Encoder(format, encoding), .. Shape(format, encoding, source), .. Container(format, encoding, source)];

    private static IEnumerable<string> Encoder(OutputFormat format, PartEncoding encoding) => (format, encoding.BitRate) switch
    {
        (OutputFormat.Mp3, null) => ["-c:a", "libmp3lame", "-q:a", "2"],
        (OutputFormat.Mp3, { } bits) => ["-c:a", "libmp3lame", "-b:a", Inv(bits)],
        (OutputFormat.Wav, _) => ["-c:a", "pcm_s16le"],
        (OutputFormat.Flac, _) => ["-c:a", "flac", "-compression_level", "5"],
        (OutputFormat.Ogg, null) => ["-c:a", "libvorbis", "-q:a", "5"],
        (OutputFormat.Ogg, { } bits) => ["-c:a", "libvorbis", "-b:a", Inv(bits)],
        (OutputFormat.Aac, var bits) => ["-c:a", "aac", "-b:a", Inv(bits ?? 192_000)],
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    private static string[] Container(OutputFormat format, PartEncoding encoding, AudioInfo source) => format switch
    {
        OutputFormat.Aac => Mp4Container(encoding.RateOf(source)),
        _ => ["-f", format.ToString().ToLowerInvariant()], // the muxers are named as the formats: mp3, wav, flac, ogg
    };

    /// <summary>
    /// Encodes consecutive parts in one process (one process start instead of several: ffmpeg's start-up alone costs
    /// ~0.2 s of CPU). The input is seeked to the first part's start and cut by sample counts (asegment) into one
    /// branch per part, each encoded to its own file. ffmpeg reports as out_time the largest end time of its outputs:
    /// where parts keep the group's timestamps that is the position in the group (for progress). Ogg and MP4 store
    /// timestamps, so there each part starts again at zero and a second branch runs the whole range into a null
    /// output to be the clock; MP3, FLAC and WAV ignore them (the files are byte-identical either way).
    /// </summary>
    /// <param name="fadeMs">Fade in after and out before each cut inside the source (not at its very start or end).</param>
    public static List<string> EncodeGroup(
        string sourcePath, AudioInfo source, OutputFormat format, PartEncoding encoding, IReadOnlyList<RunOutput> parts, int fadeMs = 0)
    {
        var start = parts[0].Start;
        var args = Common();
        if (start > 0)
        {
            // Microseconds are finer than half a sample at any rate up to 384 kHz, so ffmpeg rounds back to `start` exactly.
            args.AddRange(["-ss", Inv((decimal)start / source.SampleRate)]);
        }

        var total = parts[^1].End - start;
        // asegment hands each sample to exactly one branch (asplit + atrim would push every frame through every
        // branch: up to 1.8x the CPU of a plain encode for FLAC). Its last output (after the group) is discarded.
        var boundaries = string.Join('|', parts.Select(p => Inv(p.End - start)));
        var storesTimestamps = format is OutputFormat.Ogg or OutputFormat.Aac;
        var graph = new System.Text.StringBuilder(storesTimestamps ? "[0:a:0]asplit=2[body][all];[body]" : "[0:a:0]");
        graph.Append($"asegment=samples={boundaries}");
        for (var i = 0; i <= parts.Count; i++)
        {
            graph.Append($"[t{i}]");
        }

        for (var i = 0; i < parts.Count; i++)
        {
            var local = i > 0 && storesTimestamps;
            var fades = Fades(source, parts[i], local ? 0 : parts[i].Start - start, fadeMs);
            graph.Append(local ? $";[t{i}]asetpts=PTS-STARTPTS{fades}[o{i}]" : $";[t{i}]anull{fades}[o{i}]");
        }

        graph.Append($";[t{parts.Count}]anullsink");
        if (storesTimestamps)
        {
            graph.Append($";[all]atrim=end_sample={Inv(total)}[clock]");
        }

        args.AddRange(["-i", FfprobeReader.InputUrl(sourcePath), "-filter_complex", graph.ToString()]);
        foreach (var (part, i) in parts.Select((p, i) => (p, i)))
        {
            args.AddRange(["-map", $"[o{i}]"]);
            args.AddRange(Metadata(part.Tags));
            args.AddRange(Codec(format, encoding, source));
            args.Add(FfprobeReader.InputUrl(part.Path));
        }

        if (storesTimestamps)
        {
            args.AddRange(["-map", "[clock]", "-c:a", "pcm_s16le", "-f", "null", "-"]);
        }

        return args;
    }

    /// <summary>
    /// afade filters for a part whose first sample has timestamp <paramref name="offset"/> (in samples) on its branch;
    /// afade counts samples from the timestamps, so the fade lands exactly on the part's first and last samples.
    /// </summary>
    private static string Fades(AudioInfo source, RunOutput part, long offset, int fadeMs)
    {
        var n = Math.Min((long)fadeMs * source.SampleRate / 1000, (part.End - part.Start) / 2);
        if (n <= 0)
        {
            return "";
        }

        var fades = part.Start > 0 ? $",afade=t=in:ss={Inv(offset)}:ns={Inv(n)}" : "";
        return part.End < source.TotalSamples ? fades + $",afade=t=out:ss={Inv(offset + part.End - part.Start - n)}:ns={Inv(n)}" : fades;
    }

    /// <summary>Rewrites a finished part's tags by stream copy (after a re-split renumbered the parts).</summary>
    public static List<string> Retag(
        string input, AudioInfo source, OutputFormat format, PartEncoding encoding, IReadOnlyDictionary<string, string> tags, string output)
    {
        var args = Common();
        args.AddRange(["-i", FfprobeReader.InputUrl(input), "-map", "0:a:0", "-c", "copy"]);
        args.AddRange(Metadata(tags));
        args.AddRange(Container(format, encoding, source));
        args.Add(FfprobeReader.InputUrl(output));
        return args;
    }

    // -progress writes key=value blocks to stdout (out_time_us=…), which FfmpegPartEncoder turns into progress.
    private static List<string> Common() =>
        ["-nostdin", "-hide_banner", "-v", "error", "-nostats", "-progress", "pipe:1", "-y"];

    /// <summary>
    /// Only the part's own tags: the source's are already in <paramref name="tags"/>, and stale ones (track) must not
    /// leak; nor may the source's chapter list, which describes the whole file.
    /// </summary>
    private static IEnumerable<string> Metadata(IReadOnlyDictionary<string, string> tags)
    {
        yield return "-map_metadata";
        yield return "-1";
        yield return "-map_chapters";
        yield return "-1";
        foreach (var (key, value) in tags)
        {
            yield return "-metadata";
            yield return $"{key}={value}";
        }
    }

    // The parts' rate and channels when asked for; else LAME's limits (at most 48 kHz and two channels: ffmpeg would
    // otherwise fail on 96 kHz or 5.1 sources).
    private static IEnumerable<string> Shape(OutputFormat format, PartEncoding encoding, AudioInfo source)
    {
        var rate = encoding.SampleRate ?? (format == OutputFormat.Mp3 && source.SampleRate > 48000 ? 48000 : null);
        if (rate is { } r)
        {
            yield return "-ar";
            yield return Inv(r);
        }

        var channels = encoding.Channels ?? (format == OutputFormat.Mp3 && source.Channels > 2 ? 2 : null);
        if (channels is { } c)
        {
            yield return "-ac";
            yield return Inv(c);
        }
    }

    // The movie time scale defaults to 1000, which rounds the edit list (the exact length) to whole milliseconds.
    private static string[] Mp4Container(int sampleRate) =>
        ["-movie_timescale", Inv(sampleRate), "-f", "ipod"];

    private static string Inv(decimal value) => value.ToString("0.#########", CultureInfo.InvariantCulture);

    private static string Inv(long value) => value.ToString(CultureInfo.InvariantCulture);
}

using System.Globalization;
using System.Text.Json;
using AudioPortal.Audio.Chapters;
using AudioPortal.Audio.Probing;

namespace AudioPortal.Audio.Ffmpeg;

/// <summary>The fields of ffprobe's JSON that the engine uses (first audio stream, format, first decoded frames).</summary>
internal sealed record FfprobeOutput(
    string? Codec,
    int SampleRate,
    int Channels,
    int? BitsPerRawSample,
    int? BitRate,
    long DurationSamples,
    int DecodedFrames,
    IReadOnlyDictionary<string, string> Tags)
{
    // Container bookkeeping that ffprobe lists as tags but that is not the user's metadata.
    private static readonly HashSet<string> TechnicalTags =
        ["encoder", "major_brand", "minor_version", "compatible_brands", "handler_name", "vendor_id", "language", "creation_time", "duration"];

    /// <summary>The file's chapters (MP4 chapter lists, FLAC CUESHEET, Vorbis CHAPTERxxx comments), by start time.</summary>
    public IReadOnlyList<Chapter> Chapters { get; init; } = [];

    public static FfprobeOutput Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        var format = root.TryGetProperty("format", out var f) ? f : default;
        var frames = root.TryGetProperty("frames", out var fr) && fr.ValueKind == JsonValueKind.Array ? fr.GetArrayLength() : 0;
        if (!root.TryGetProperty("streams", out var streams) || streams.ValueKind != JsonValueKind.Array || streams.GetArrayLength() == 0)
        {
            return new(null, 0, 0, null, null, 0, frames, tags);
        }

        var s = streams[0];
        var rate = (int)(Number(s, "sample_rate") ?? 0);
        AddTags(tags, format);
        AddTags(tags, s);
        var duration = Number(s, "duration_ts") is { } ts && Text(s, "time_base") is { } tb ? ToSamples(ts, tb, rate) : 0;
        if (duration <= 0 && Text(format, "duration") is { } seconds && double.TryParse(seconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            duration = (long)Math.Round(d * rate);
        }

        var bitRate = Number(s, "bit_rate") ?? Number(format, "bit_rate");
        return new(
            Text(s, "codec_name"),
            rate,
            (int)(Number(s, "channels") ?? 0),
            Number(s, "bits_per_raw_sample") is > 0 and var bits ? (int)bits : null,
            bitRate is > 0 and <= int.MaxValue ? (int)bitRate : null,
            duration,
            frames,
            tags)
        {
            Chapters = ReadChapters(root),
        };
    }

    private static List<Chapter> ReadChapters(JsonElement root)
    {
        var chapters = new List<Chapter>();
        if (root.TryGetProperty("chapters", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var chapter in list.EnumerateArray())
            {
                if (Text(chapter, "start_time") is { } start && double.TryParse(start, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
                {
                    var title = chapter.TryGetProperty("tags", out var t) ? Text(t, "title") : null;
                    chapters.Add(new Chapter(seconds, string.IsNullOrWhiteSpace(title) ? null : title));
                }
            }
        }

        return [.. chapters.OrderBy(c => c.StartSeconds)];
    }

    /// <summary>A duration in ticks of a "num/den" time base as samples at <paramref name="sampleRate"/>.</summary>
    public static long ToSamples(long ticks, string timeBase, int sampleRate)
    {
        var parts = timeBase.Split('/');
        if (parts.Length != 2 || !long.TryParse(parts[0], CultureInfo.InvariantCulture, out var num) ||
            !long.TryParse(parts[1], CultureInfo.InvariantCulture, out var den) || den <= 0)
        {
            return 0;
        }

        return (long)Math.Round((decimal)ticks * num * sampleRate / den);
    }

    private static void AddTags(Dictionary<string, string> tags, JsonElement section)
    {
        if (section.ValueKind != JsonValueKind.Object || !section.TryGetProperty("tags", out var t) || t.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var tag in t.EnumerateObject())
        {
            var key = tag.Name.ToLowerInvariant();
            key = VorbisCommentNames.ToEngine(key);
            if (!TechnicalTags.Contains(key) && tag.Value.ValueKind == JsonValueKind.String && tag.Value.GetString() is { Length: > 0 } value)
            {
                tags.TryAdd(key, value);
            }
        }
    }

    // ffprobe writes most numbers as strings ("44100") and a few as numbers (channels).
    private static long? Number(JsonElement e, string name)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var v))
        {
            return null;
        }

        return v.ValueKind switch
        {
            JsonValueKind.Number when v.TryGetInt64(out var n) => n,
            JsonValueKind.String when long.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
            _ => null,
        };
    }

    private static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}

using System.Text.Json;
using AudioPortal.Audio.Planning;

namespace AudioPortal.Audio.Manifest;

/// <summary>
/// <c>manifest.json</c>: the source, then per part its index, offsets in samples and seconds, overlap, cut reason,
/// title, file, bytes and SHA-256. Written field by field (no reflection: the engine is compiled ahead of time).
/// </summary>
public static class ManifestJson
{
    public const string FileName = "manifest.json";

    public static byte[] Write(SplitManifest manifest)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("source", manifest.Source);
            json.WriteNumber("sampleRate", manifest.SampleRate);
            json.WriteNumber("totalSamples", manifest.TotalSamples);
            json.WriteNumber("durationSeconds", manifest.TotalSamples / (double)manifest.SampleRate);
            json.WriteNumber("overlapSamples", manifest.OverlapSamples);
            json.WriteStartArray("parts");
            foreach (var part in manifest.Parts)
            {
                json.WriteStartObject();
                json.WriteNumber("index", part.Index);
                json.WriteNumber("startSample", part.StartSample);
                json.WriteNumber("endSample", part.EndSample);
                json.WriteNumber("sampleRate", part.SampleRate);
                json.WriteNumber("startSeconds", part.StartSeconds);
                json.WriteNumber("endSeconds", part.EndSeconds);
                json.WriteNumber("overlapSamples", part.OverlapSamples);
                json.WriteString("cutReason", CutReasons.Name(part.CutReason));
                WriteOptional(json, "title", part.Title);
                WriteOptional(json, "file", part.FileName);
                if (part.Bytes is { } bytes)
                {
                    json.WriteNumber("bytes", bytes);
                }

                WriteOptional(json, "sha256", part.Sha256);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}

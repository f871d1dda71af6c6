using System.Text;

namespace AudioPortal.Audio.Manifest;

/// <summary>Writes <c>manifest.json</c> and <c>manifest.cue</c> into a folder (beside the parts).</summary>
public static class ManifestFiles
{
    public static async Task<(string Json, string Cue)> WriteAsync(SplitManifest manifest, string directory, CancellationToken ct)
    {
        var json = Path.Combine(directory, ManifestJson.FileName);
        var cue = Path.Combine(directory, CueSheet.FileName);
        await File.WriteAllBytesAsync(json, ManifestJson.Write(manifest), ct);
        await File.WriteAllTextAsync(cue, CueSheet.Write(manifest), new UTF8Encoding(false), ct);
        return (json, cue);
    }
}

using System.Globalization;
using System.Text;

namespace AudioPortal.Audio.Manifest;

/// <summary>
/// <c>manifest.cue</c>: the cut points as a CUE sheet over the source, so another tool can cut the same way. A track
/// starts at each cut (where the part's new audio begins, after its overlap). CUE times are in 1/75 s frames, so each
/// track also carries its exact sample in a <c>REM SAMPLE</c> line.
/// </summary>
public static class CueSheet
{
    public const string FileName = "manifest.cue";

    public static string Write(SplitManifest manifest)
    {
        var cue = new StringBuilder();
        var type = manifest.Source.EndsWith(".mp3", StringComparison.OrdinalIgnoreCase) ? "MP3" : "WAVE";
        cue.Append("REM GENERATOR \"AudioPortal\"\n");
        cue.Append(CultureInfo.InvariantCulture, $"FILE \"{Quote(manifest.Source)}\" {type}\n");
        foreach (var part in manifest.Parts)
        {
            var cut = part.StartSample + part.OverlapSamples;
            cue.Append(CultureInfo.InvariantCulture, $"  TRACK {part.Index + 1:00} AUDIO\n");
            if (part.Title is { } title)
            {
                cue.Append(CultureInfo.InvariantCulture, $"    TITLE \"{Quote(title)}\"\n");
            }

            cue.Append(CultureInfo.InvariantCulture, $"    REM SAMPLE {cut}\n");
            cue.Append(CultureInfo.InvariantCulture, $"    INDEX 01 {Time(cut, part.SampleRate)}\n");
        }

        return cue.ToString();
    }

    /// <summary>mm:ss:ff with 75 frames a second, rounded down so a track never starts after its cut.</summary>
    private static string Time(long sample, int rate)
    {
        var frames = sample * 75 / rate;
        return string.Create(CultureInfo.InvariantCulture, $"{frames / 75 / 60:00}:{frames / 75 % 60:00}:{frames % 75:00}");
    }

    private static string Quote(string text) => text.Replace('"', '\'').Replace('\n', ' ').Replace('\r', ' ');
}

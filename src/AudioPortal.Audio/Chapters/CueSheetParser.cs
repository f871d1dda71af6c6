using System.Globalization;
using System.Text.RegularExpressions;

namespace AudioPortal.Audio.Chapters;

/// <summary>
/// Reads the tracks of a CUE sheet: each <c>TRACK</c>'s <c>TITLE</c>, <c>PERFORMER</c> and <c>INDEX 01 mm:ss:ff</c>
/// (75 frames a second, the format <see cref="Manifest.CueSheet"/> writes). Tolerant of a BOM, CRLF, blank and
/// <c>REM</c> lines and commands it does not need; strict about what it does need, naming the line that is wrong.
/// </summary>
public static partial class CueSheetParser
{
    public const int FramesPerSecond = 75;
    public const int MaxLength = 1024 * 1024;

    public static AudioResult<IReadOnlyList<Chapter>> Parse(string text)
    {
        if (text.Length > MaxLength)
        {
            return Invalid("The CUE sheet is larger than 1 MiB.");
        }

        var tracks = new List<(int Number, string? Title, string? Performer, double? Start, int Line)>();
        var lines = text.TrimStart('\uFEFF').Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            var at = i + 1;
            var (command, rest) = SplitCommand(line);
            switch (command)
            {
                case "TRACK":
                    if (!int.TryParse(rest.Split(' ', 2)[0], NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 99)
                    {
                        return Invalid(Inv($"CUE line {at}: TRACK needs a number from 1 to 99 (\"{Shorten(line)}\")."));
                    }

                    if (tracks.Count > 0 && number <= tracks[^1].Number)
                    {
                        return Invalid(Inv($"CUE line {at}: TRACK {number} comes after TRACK {tracks[^1].Number}; tracks must be in order."));
                    }

                    tracks.Add((number, null, null, null, at));
                    break;
                case "TITLE" or "PERFORMER" when tracks.Count > 0:
                    var value = Unquote(rest);
                    tracks[^1] = command == "TITLE" ? tracks[^1] with { Title = value } : tracks[^1] with { Performer = value };
                    break;
                case "INDEX" when tracks.Count > 0:
                    var index = IndexLine().Match(rest);
                    if (!index.Success)
                    {
                        return Invalid(Inv($"CUE line {at}: INDEX needs a number and a time mm:ss:ff (\"{Shorten(line)}\")."));
                    }

                    var (mm, ss, ff) = (Number(index, "m"), Number(index, "s"), Number(index, "f"));
                    if (ss >= 60 || ff >= FramesPerSecond)
                    {
                        return Invalid(Inv($"CUE line {at}: {index.Groups["t"].Value} is not a time; seconds go to 59 and frames to 74."));
                    }

                    if (Number(index, "i") == 1)
                    {
                        tracks[^1] = tracks[^1] with { Start = ((mm * 60.0) + ss) + ff / (double)FramesPerSecond };
                    }

                    break;
            }
        }

        if (tracks.Count == 0)
        {
            return Invalid("The CUE sheet has no TRACK lines.");
        }

        var chapters = new List<Chapter>(tracks.Count);
        foreach (var track in tracks)
        {
            if (track.Start is not { } start)
            {
                return Invalid(Inv($"CUE line {track.Line}: TRACK {track.Number} has no INDEX 01."));
            }

            if (chapters.Count > 0 && start <= chapters[^1].StartSeconds)
            {
                return Invalid(Inv($"CUE line {track.Line}: TRACK {track.Number} starts at or before the track before it."));
            }

            chapters.Add(new Chapter(start, Blank(track.Title)) { Performer = Blank(track.Performer) });
        }

        return chapters;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static (string Command, string Argument) SplitCommand(string line)
    {
        var space = line.IndexOfAny([' ', '\t']);
        return space < 0 ? (line.ToUpperInvariant(), "") : (line[..space].ToUpperInvariant(), line[(space + 1)..].Trim());
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;

    private static int Number(Match match, string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    private static string Shorten(string line) => line.Length > 60 ? line[..60] + "…" : line;

    private static AudioError Invalid(string message) => new(AudioErrorCodes.InvalidParams, message);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<i>\d{1,2})\s+(?<t>(?<m>\d{1,4}):(?<s>\d{2}):(?<f>\d{2}))$")]
    private static partial Regex IndexLine();
}

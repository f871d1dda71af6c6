using System.Globalization;

namespace AudioPortal.Audio.Writing;

/// <summary>Names and tags of parts: <c>{BaseName}-part-01.{ext}</c>, title "… (part n of N)", track "n/N".</summary>
public static class PartNaming
{
    public static string FileName(string baseName, int number, int count, string extension)
    {
        var digits = Math.Max(2, count.ToString(CultureInfo.InvariantCulture).Length);
        return $"{baseName}-part-{number.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0')}.{extension}";
    }

    /// <summary>The source's tags plus this part's title (its chapter's, when it has one), track number and CUE performer.</summary>
    public static Dictionary<string, string> Tags(
        IReadOnlyDictionary<string, string> source, string baseName, int number, int count, string? chapterTitle = null, string? performer = null)
    {
        var tags = new Dictionary<string, string>(source);
        var title = source.TryGetValue("title", out var t) && !string.IsNullOrWhiteSpace(t) ? t : baseName;
        tags["title"] = chapterTitle ?? string.Create(CultureInfo.InvariantCulture, $"{title} (part {number} of {count})");
        tags["track"] = string.Create(CultureInfo.InvariantCulture, $"{number}/{count}");
        if (performer is not null)
        {
            tags["artist"] = performer; // a CUE track's PERFORMER: a compilation's tracks each have their own
        }

        return tags;
    }

    /// <summary>Tags at their longest for any part of a split into at most <paramref name="maxCount"/> parts (for size bounds).</summary>
    public static Dictionary<string, string> WorstCaseTags(IReadOnlyDictionary<string, string> source, string baseName, int maxCount) =>
        Tags(source, baseName, maxCount, maxCount);
}

using System.Globalization;
using System.Text;

namespace AudioPortal.Audio.Writing;

/// <summary>
/// Part names from a template: <c>{name}</c> the source's base name, <c>{n}</c> the part number (<c>{n:02}</c> zero-padded
/// to two digits, or as many as the count needs), <c>{N}</c> the count, <c>{title}</c> the part's title (or the name),
/// <c>{start}</c> its start as <c>hh-mm-ss</c>. The result is sanitised into one plain file name.
/// </summary>
public static class PartNameTemplate
{
    public const string Default = "{name}-part-{n:02}";
    private const int MaxNameLength = 200;

    /// <summary>Why a template cannot name parts, or null: it must tell the parts apart.</summary>
    public static string? Problem(string template) =>
        template.Contains("{n}", StringComparison.Ordinal) || template.Contains("{n:", StringComparison.Ordinal)
        || template.Contains("{start}", StringComparison.Ordinal) || template.Contains("{title}", StringComparison.Ordinal)
            ? null
            : "The name template needs {n}, {start} or {title} so that every part gets its own name.";

    /// <summary>The file name (with <paramref name="extension"/>) of part <paramref name="number"/> of <paramref name="count"/>.</summary>
    public static string Render(string template, string name, int number, int count, string? title, double startSeconds, string extension)
    {
        var minDigits = Math.Max(2, count.ToString(CultureInfo.InvariantCulture).Length);
        var text = new StringBuilder(template)
            .Replace("{name}", name)
            .Replace("{n:02}", number.ToString(CultureInfo.InvariantCulture).PadLeft(minDigits, '0'))
            .Replace("{n}", number.ToString(CultureInfo.InvariantCulture))
            .Replace("{N}", count.ToString(CultureInfo.InvariantCulture))
            .Replace("{title}", string.IsNullOrWhiteSpace(title) ? name : title)
            .Replace("{start}", TimeSpan.FromSeconds(Math.Floor(startSeconds)).ToString(@"hh\-mm\-ss", CultureInfo.InvariantCulture))
            .ToString();
        return $"{Sanitise(text)}.{extension}";
    }

    /// <summary>Path separators, control and reserved characters become '_'; no leading dots, at most 200 characters.</summary>
    internal static string Sanitise(string text)
    {
        var invalid = Path.GetInvalidFileNameChars().Concat("<>:\"/\\|?*").ToHashSet();
        var chars = text.Select(c => invalid.Contains(c) || char.IsControl(c) ? '_' : c).ToArray();
        var clean = new string(chars).Trim().TrimStart('.');
        clean = clean.Length > MaxNameLength ? clean[..MaxNameLength] : clean;
        return clean.Length == 0 ? "part" : clean;
    }
}

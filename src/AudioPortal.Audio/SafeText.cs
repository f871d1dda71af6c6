using System.Text.RegularExpressions;

namespace AudioPortal.Audio;

/// <summary>
/// Text from tools and exceptions (ffmpeg's stderr, I/O errors) names files by their server path; a message for a user
/// must not. The raw text goes to the log; what a user reads passes through here.
/// </summary>
public static partial class SafeText
{
    /// <summary>Every absolute path or <c>file:</c> URL in <paramref name="text"/> becomes "the file".</summary>
    public static string WithoutPaths(string text) => AbsolutePath().Replace(text, "the file");

    /// <summary>
    /// The reason in an ffmpeg/ffprobe error line, which usually reads "file:/srv/…/upl_x: End of file": the input's name
    /// is dropped, any other path replaced.
    /// </summary>
    public static string ToolReason(string line)
    {
        var reason = WithoutPaths(PathPrefix().Replace(line.Trim(), "")).Trim().TrimEnd('.');
        return reason.Length == 0 ? "the decoder gave no reason" : reason;
    }

    // A slash not inside a word, URL or relative path starts a path; it runs to whitespace, a quote or a colon.
    [GeneratedRegex(@"(?<![\w.~:/-])(?:file:)?(?:/[^\s/:'""()\[\],;]+)+/?")]
    private static partial Regex AbsolutePath();

    [GeneratedRegex(@"^(?:file:)?/[^\s:]*:\s*")]
    private static partial Regex PathPrefix();
}

using AudioPortal.Core.Errors;

namespace AudioPortal.Core.Tests.Errors;

public class ReadmeErrorTableTests
{
    private const string Start = "<!-- error-table:start -->";
    private const string End = "<!-- error-table:end -->";

    /// <summary>The README's table exactly as the catalog renders it.</summary>
    public static string Render() =>
        "| code | status | category | message |\n|---|---|---|---|\n" +
        string.Concat(ErrorCatalog.All.Select(e => $"| `{e.Code}` | {e.Status} | {e.Category} | {e.Message} |\n"));

    [Fact]
    public void The_readme_error_table_matches_the_catalog()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md")).ReplaceLineEndings("\n");
        var start = readme.IndexOf(Start, StringComparison.Ordinal);
        var end = readme.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"README.md must hold the error table between {Start} and {End}");

        var table = readme[(start + Start.Length)..end].Trim('\n') + "\n";
        Assert.True(Render() == table,
            "README.md's error table differs from ErrorCatalog. Replace it with:\n\n" + Render());
    }
}

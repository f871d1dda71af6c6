using System.Text.RegularExpressions;
using AudioPortal.Web.Tests.Infrastructure;

namespace AudioPortal.Web.Tests.Portal;

/// <summary>The HTML every portal page is served in (App.razor): what the browser must fetch and run before it can paint.</summary>
public sealed partial class PageShellTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();

    public PageShellTests() => _app.Settings["Splits:RunBackgroundWork"] = "false";

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Blazor_and_MudBlazor_scripts_are_deferred_so_the_prerendered_page_paints_before_they_run()
    {
        using var client = _app.CreateClient();

        var html = await client.GetStringAsync("/");

        var scripts = ClassicScript().Matches(html).Select(m => m.Value).ToList();
        Assert.Equal(2, scripts.Count);
        Assert.Contains("_framework/blazor.web.", scripts[0]);
        Assert.Contains("_content/MudBlazor/MudBlazor.min.", scripts[1]);
        Assert.All(scripts, script => Assert.Contains(" defer", script));
    }

    [Fact]
    public async Task Stylesheets_are_local_files_so_no_external_request_blocks_the_first_paint()
    {
        using var client = _app.CreateClient();

        var html = await client.GetStringAsync("/");

        var links = Stylesheet().Matches(html).Select(m => m.Groups["href"].Value).ToList();
        Assert.NotEmpty(links);
        Assert.All(links, href => Assert.DoesNotContain("//", href));
    }

    [GeneratedRegex("""<script src="[^"]*"[^>]*>""")]
    private static partial Regex ClassicScript();

    [GeneratedRegex("""<link rel="stylesheet" href="(?<href>[^"]*)"[^>]*>""")]
    private static partial Regex Stylesheet();
}

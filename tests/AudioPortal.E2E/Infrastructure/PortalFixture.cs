using Microsoft.Playwright;

namespace AudioPortal.E2E.Infrastructure;

/// <summary>
/// One server and one headless Debian Chromium shared by the tests of a class. Playwright drives the system
/// browser through ExecutablePath: it never downloads one.
/// </summary>
public sealed class PortalFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    private readonly List<IBrowserContext> _contexts = [];

    public PortalServer Server { get; } = new();

    /// <summary>The browser's and the server's errors during the current test (see <see cref="BrowserTest"/>).</summary>
    public ErrorWatch Errors => Server.Errors;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(BrowserFactAttribute.ChromiumPath))
        {
            return; // every test here is a [BrowserFact] and is skipped or fails on its own
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFactAttribute.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser context (its own cookies) with a page at the given path.</summary>
    public async Task<IPage> OpenAsync(string path = "/")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Server.BaseUrl, AcceptDownloads = true });
        lock (_contexts)
        {
            _contexts.Add(context);
        }

        var page = await context.NewPageAsync();
        Errors.Watch(page);
        await page.GotoAsync(path);
        return page;
    }

    /// <summary>Closes the contexts the test opened, so their circuits end before the next test starts.</summary>
    public async Task CloseContextsAsync()
    {
        IBrowserContext[] open;
        lock (_contexts)
        {
            open = [.. _contexts];
            _contexts.Clear();
        }

        foreach (var context in open)
        {
            await context.CloseAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (_playwright is not null)
        {
            await Browser.DisposeAsync();
            _playwright.Dispose();
        }

        await Server.DisposeAsync();
    }
}

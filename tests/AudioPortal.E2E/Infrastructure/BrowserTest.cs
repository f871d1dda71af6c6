using Microsoft.Playwright;

namespace AudioPortal.E2E.Infrastructure;

/// <summary>
/// The base of every browser test (BrowserTestsShareOneBase checks that none is left out): each test starts with
/// a clean <see cref="ErrorWatch"/> and fails afterwards if the browser console, an uncaught page error or the
/// server's log at Error recorded anything it did not expect, then closes the browser contexts it opened.
/// </summary>
public abstract class BrowserTest(PortalFixture portal) : IAsyncLifetime
{
    protected PortalFixture Portal => portal;

    public virtual Task InitializeAsync()
    {
        portal.Errors.Reset();
        return Task.CompletedTask;
    }

    public virtual async Task DisposeAsync()
    {
        try
        {
            portal.Errors.AssertNone();
        }
        finally
        {
            await portal.CloseContextsAsync();
        }
    }

    /// <summary>A fresh browser context (its own cookies) with a page at the given path, watched for errors.</summary>
    protected Task<IPage> OpenAsync(string path = "/") => portal.OpenAsync(path);
}

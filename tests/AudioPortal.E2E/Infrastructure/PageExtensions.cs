using Microsoft.Playwright;

namespace AudioPortal.E2E.Infrastructure;

public static class PageExtensions
{
    /// <summary>
    /// Waits until the Blazor circuit is live: prerendered buttons do nothing until its WebSocket is up, so
    /// click the theme toggle until the page reacts (bounded, no fixed sleeps).
    /// </summary>
    public static async Task WaitForCircuitAsync(this IPage page, float timeoutMs = 30_000)
    {
        var toggle = page.Locator("#theme-toggle");
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        var before = await toggle.GetAttributeAsync("data-theme");
        while (DateTime.UtcNow < deadline)
        {
            await toggle.ClickAsync();
            try
            {
                await Assertions.Expect(toggle).Not.ToHaveAttributeAsync("data-theme", before ?? "", new() { Timeout = 1000 });
                await toggle.ClickAsync(); // back to where the user was
                await Assertions.Expect(toggle).ToHaveAttributeAsync("data-theme", before ?? "", new() { Timeout = 5000 });
                return;
            }
            catch (PlaywrightException)
            {
                // not interactive yet
            }
        }

        throw new TimeoutException("The Blazor circuit did not become interactive.");
    }

    /// <summary>Saves a full-page screenshot under the test output folder (for failures and for the README).</summary>
    public static async Task<string> ScreenshotAsync(this IPage page, string name)
    {
        var folder = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;
        var path = Path.Combine(folder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    /// <summary>Runs a browser scenario; on failure saves a screenshot of the page named after the test.</summary>
    public static async Task RunAsync(this IPage page, string testName, Func<Task> scenario)
    {
        try
        {
            await scenario();
        }
        catch
        {
            var shot = await page.ScreenshotAsync("FAILED-" + testName);
            Console.Error.WriteLine($"Screenshot of the failing page: {shot}");
            throw;
        }
    }
}

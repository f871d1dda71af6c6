using AudioPortal.E2E.Infrastructure;
using Microsoft.Playwright;

namespace AudioPortal.E2E;

public sealed class HomePageTests(PortalFixture portal) : BrowserTest(portal), IClassFixture<PortalFixture>
{
    [BrowserFact]
    public async Task The_home_page_opens_and_its_circuit_goes_interactive()
    {
        var page = await OpenAsync("/");
        await page.RunAsync(nameof(The_home_page_opens_and_its_circuit_goes_interactive), async () =>
        {
            await Assertions.Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("AudioPortal"));
            await Assertions.Expect(page.GetByText("Split long audio into exact parts.")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator(".plan-table")).ToContainTextAsync("Free");

            await page.WaitForCircuitAsync();

            // Interactive: the theme toggle switches the whole page to dark and back.
            var toggle = page.Locator("#theme-toggle");
            await toggle.ClickAsync();
            await Assertions.Expect(toggle).ToHaveAttributeAsync("data-theme", "dark");
            await page.ScreenshotAsync("home-dark");
            await toggle.ClickAsync();
            await Assertions.Expect(toggle).ToHaveAttributeAsync("data-theme", "light");
            await page.ScreenshotAsync("home");
        });
    }

    [BrowserFact]
    public async Task An_unknown_page_shows_the_friendly_not_found_page()
    {
        // The browser reports the page's 404 status in its console; that one is the point of the test.
        Portal.Errors.Allow(e => e.Contains("status of 404", StringComparison.Ordinal));
        var page = await OpenAsync("/no-such-page");
        await Assertions.Expect(page.GetByText("Page not found")).ToBeVisibleAsync();
    }
}

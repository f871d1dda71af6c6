using System.IO.Compression;
using AudioPortal.E2E.Infrastructure;
using Microsoft.Playwright;

namespace AudioPortal.E2E.Portal;

/// <summary>The Account page's export and deletion in Chromium against the real server.</summary>
public sealed class AccountFlowTests(PortalFixture portal) : BrowserTest(portal), IClassFixture<PortalFixture>
{
    [BrowserFact]
    public async Task A_user_exports_their_data_as_csv_then_deletes_the_account_and_cannot_sign_in_again()
    {
        var page = await OpenAsync("/");
        await page.RunAsync(nameof(A_user_exports_their_data_as_csv_then_deletes_the_account_and_cannot_sign_in_again), async () =>
        {
            var email = await page.SignUpAsync();
            await page.OpenLiveAsync("/settings");

            // The export is written in the background; the page refreshes its status through the circuit.
            await page.Locator(".export-format-csv").ClickAsync();
            await page.Locator(".export-start").ClickAsync();
            var link = page.Locator("a.export-download");
            await Assertions.Expect(link).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await page.ScreenshotAsync("account-export");
            var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
            var zipPath = Path.Combine(Path.GetTempPath(), $"export-{Guid.NewGuid():N}.zip");
            await download.SaveAsAsync(zipPath);
            using (var zip = ZipFile.OpenRead(zipPath))
            {
                Assert.Contains(zip.Entries, e => e.FullName == "account.csv");
                using var reader = new StreamReader(zip.GetEntry("account.csv")!.Open());
                Assert.Contains(email, await reader.ReadToEndAsync());
            }

            File.Delete(zipPath);

            // Deleting needs the typed confirmation; then the session ends and the home page shows the way in.
            await page.Locator(".delete-account").ClickAsync();
            await Assertions.Expect(page.Locator(".confirm-ok")).ToBeDisabledAsync();
            await page.Locator(".confirm-typed input").FillAsync("DELETE MY ACCOUNT");
            await page.ScreenshotAsync("account-delete-dialog");
            await page.Locator(".confirm-ok").ClickAsync();
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/", new() { Timeout = 30_000 });
            await Assertions.Expect(page.Locator("a[href='/Account/Login']").First).ToBeVisibleAsync();

            await page.GotoAsync("/Account/Login");
            await page.Locator("input[type=email]").First.FillAsync(email);
            await page.Locator("input[type=password]").First.FillAsync(PortalSteps.Password);
            await page.Locator("form button[type=submit]").Last.ClickAsync();
            await page.WaitForURLAsync(url => url.Contains("/Account/Lockout", StringComparison.OrdinalIgnoreCase), new() { Timeout = 30_000 });
        });
    }
}

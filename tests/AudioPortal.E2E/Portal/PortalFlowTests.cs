using System.IO.Compression;
using AudioPortal.E2E.Infrastructure;
using Microsoft.Playwright;

namespace AudioPortal.E2E.Portal;

/// <summary>The portal end to end in Debian Chromium against real Kestrel, SQLite and ffmpeg.</summary>
public sealed class PortalFlowTests(PortalFixture portal) : BrowserTest(portal), IClassFixture<PortalFixture>
{
    [BrowserFact]
    public async Task A_new_user_uploads_a_recording_splits_it_to_mp3_plays_a_part_and_downloads_the_zip()
    {
        var page = await OpenAsync("/");
        var wav = PortalSteps.WriteSineWav(30);
        await page.RunAsync(nameof(A_new_user_uploads_a_recording_splits_it_to_mp3_plays_a_part_and_downloads_the_zip), async () =>
        {
            await page.SignUpAsync();
            await page.OpenLiveAsync("/splits/new");

            // The file goes over plain HTTP with progress; then the page shows the probed facts.
            await page.Locator("#upload-drop-zone input[type=file]").SetInputFilesAsync(wav);
            await Assertions.Expect(page.Locator(".fact-length")).ToHaveTextAsync("0:30", new() { Timeout = 30_000 });
            await Assertions.Expect(page.Locator(".fact-format")).ToContainTextAsync("wav");

            await page.Locator(".split-value input").FillAsync("10");
            await page.Locator(".output-format").GetByText("mp3", new() { Exact = true }).ClickAsync();
            await Assertions.Expect(page.Locator(".planned-parts tbody tr")).ToHaveCountAsync(3);
            await Assertions.Expect(page.Locator(".waveform-cut")).ToHaveCountAsync(2);
            await page.ScreenshotAsync("new-split");

            await page.Locator("#start-split").ClickAsync();
            await page.WaitForURLAsync("**/jobs/job_*");

            // Completion arrives through the circuit (no reload, no polling from the browser).
            await Assertions.Expect(page.Locator("audio.part-player")).ToHaveCountAsync(3, new() { Timeout = 90_000 });
            await Assertions.Expect(page.Locator(".status-chip")).ToContainTextAsync("completed");
            await page.ScreenshotAsync("job-detail");

            // Play part 1: it starts, and it is seekable (the server answers Range requests).
            await page.Locator("h1").ClickAsync(); // a user gesture, so play() is allowed
            await page.EvaluateAsync("() => document.querySelector('audio.part-player').play()");
            await page.WaitForFunctionAsync("() => document.querySelector('audio.part-player').currentTime > 0.2", null, new() { Timeout = 20_000 });
            var seekableEnd = await page.EvaluateAsync<double>("() => { const a = document.querySelector('audio.part-player'); return a.seekable.length ? a.seekable.end(0) : 0; }");
            Assert.True(seekableEnd > 9, $"part 1 should be seekable to its end, was {seekableEnd}");
            await page.EvaluateAsync("() => document.querySelector('audio.part-player').pause()");

            var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("a.download-all").ClickAsync());
            var zipPath = Path.Combine(Path.GetTempPath(), $"parts-{Guid.NewGuid():N}.zip");
            await download.SaveAsAsync(zipPath);
            using (var zip = ZipFile.OpenRead(zipPath))
            {
                // The three parts (beside the archive's manifest.json).
                var parts = zip.Entries.Where(e => e.Name.EndsWith(".mp3", StringComparison.Ordinal)).ToList();
                Assert.Equal(3, parts.Count);
                Assert.All(parts, e => Assert.True(e.Length > 10_000, $"{e.Name} is {e.Length} bytes"));
            }

            File.Delete(zipPath);

            // The other pages, for the record (and the README's screenshot).
            foreach (var (path, name) in new[] { ("/dashboard", "dashboard"), ("/billing", "billing"), ("/webhooks", "webhooks"), ("/settings", "account"), ("/keys", "api-keys") })
            {
                await page.GotoAsync(path);
                await Assertions.Expect(page.Locator("h1")).ToBeVisibleAsync();
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                await page.ScreenshotAsync(name);
            }

            // Jobs: the row's delete button asks, deletes, and does not also open the job.
            await page.OpenLiveAsync("/jobs");
            await Assertions.Expect(page.Locator(".job-link")).ToHaveCountAsync(1);
            await page.ScreenshotAsync("jobs");
            await page.Locator("button.job-delete").ClickAsync();
            await page.Locator(".confirm-ok").ClickAsync();
            await Assertions.Expect(page.GetByText("No jobs yet")).ToBeVisibleAsync();
            Assert.EndsWith("/jobs", page.Url);
        });
        File.Delete(wav);
    }

    [BrowserFact]
    public async Task A_key_created_in_the_portal_works_against_the_api()
    {
        var page = await OpenAsync("/");
        await page.RunAsync(nameof(A_key_created_in_the_portal_works_against_the_api), async () =>
        {
            await page.SignUpAsync();
            await page.OpenLiveAsync("/keys");
            await page.Locator("#create-key").ClickAsync();
            await page.Locator(".key-name input").FillAsync("e2e");
            await page.Locator(".key-save").ClickAsync();
            var key = (await page.Locator(".key-value").TextContentAsync())!.Trim();
            Assert.StartsWith("as_live_", key);
            await page.ScreenshotAsync("api-key-created");

            using var client = new HttpClient { BaseAddress = new Uri(Portal.Server.BaseUrl) };
            client.DefaultRequestHeaders.Add("X-API-Key", key);
            var response = await client.GetAsync("/api/v1/splits");
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("\"data\":[]", await response.Content.ReadAsStringAsync());

            await page.Locator(".key-done").ClickAsync();
            await Assertions.Expect(page.Locator(".keys-table")).ToContainTextAsync("e2e");

            // Revoked in the portal: the API refuses the key at once.
            await page.Locator(".keys-table .key-revoke").First.ClickAsync();
            await page.Locator(".confirm-ok").ClickAsync();
            await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("API key revoked.");
            var afterRevoke = await client.GetAsync("/api/v1/splits");
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, afterRevoke.StatusCode);

            // On a phone the table stacks into cards and the navigation is out of the way.
            await page.SetViewportSizeAsync(390, 844);
            await page.OpenLiveAsync("/keys");
            await Assertions.Expect(page.Locator("h1")).ToBeInViewportAsync();
            await page.ScreenshotAsync("api-keys-phone");
        });
    }

    [BrowserFact]
    public async Task The_webhook_secret_is_revealed_copied_and_rotated_on_the_webhooks_page()
    {
        var page = await OpenAsync("/");
        await page.RunAsync(nameof(The_webhook_secret_is_revealed_copied_and_rotated_on_the_webhooks_page), async () =>
        {
            await page.SignUpAsync();
            await page.OpenLiveAsync("/webhooks");
            var secret = page.Locator(".webhook-secret");
            var preview = await secret.TextContentAsync();

            await page.Locator(".reveal-secret").ClickAsync();
            await Assertions.Expect(secret).Not.ToHaveTextAsync(preview ?? "");
            var revealed = await secret.TextContentAsync();

            // The copy button's JS interop: the clipboard works or the page says how to copy by hand.
            await page.Locator(".copy-button").ClickAsync();
            await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Cop");

            await page.Locator(".rotate-secret").ClickAsync();
            await page.Locator(".confirm-ok").ClickAsync();
            await page.Locator(".key-done").ClickAsync();
            await page.Locator(".reveal-secret").ClickAsync();
            await Assertions.Expect(secret).Not.ToHaveTextAsync(revealed ?? "");
            await Assertions.Expect(secret).Not.ToHaveTextAsync(preview ?? "");
        });
    }

    [BrowserFact]
    public async Task An_upload_over_the_plans_size_limit_shows_the_file_too_large_toast()
    {
        var page = await OpenAsync("/");
        // Sparse: 101 MiB on paper, nothing on disk. Chromium reads it by path; the page refuses it before sending.
        var big = Path.Combine(Path.GetTempPath(), $"big-{Guid.NewGuid():N}.wav");
        await using (var file = File.Create(big))
        {
            file.SetLength(101L * 1024 * 1024);
        }

        await page.RunAsync(nameof(An_upload_over_the_plans_size_limit_shows_the_file_too_large_toast), async () =>
        {
            await page.SignUpAsync();
            await page.OpenLiveAsync("/splits/new");
            await Assertions.Expect(page.Locator(".plan-limits")).ToContainTextAsync("100 MiB");

            await page.Locator("#upload-drop-zone input[type=file]").SetInputFilesAsync(big);

            await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("larger than your plan's maximum file size");
            await Assertions.Expect(page.Locator(".fact-length")).ToHaveCountAsync(0);
            await page.ScreenshotAsync("file-too-large");
        });
        File.Delete(big);
    }
}

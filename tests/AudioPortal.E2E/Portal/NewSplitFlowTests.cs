using AudioPortal.E2E.Infrastructure;
using Microsoft.Playwright;

namespace AudioPortal.E2E.Portal;

/// <summary>
/// The other ways into a split besides the dashboard: the New split page's URL tab, and a failed job's Retry on
/// its detail page; and the way out, Delete on the detail page. The URL source is a local Kestrel.
/// </summary>
public sealed class NewSplitFlowTests(PortalFixture portal) : BrowserTest(portal), IClassFixture<PortalFixture>
{
    private AudioSourceServer _source = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _source = await AudioSourceServer.StartAsync(4);
    }

    public override async Task DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        finally
        {
            await _source.DisposeAsync();
        }
    }

    [BrowserFact]
    public async Task A_split_from_a_url_on_the_new_split_page_completes()
    {
        var page = await OpenAsync();
        await page.RunAsync(nameof(A_split_from_a_url_on_the_new_split_page_completes), async () =>
        {
            await page.SignUpAsync();
            await page.OpenLiveAsync("/splits/new");

            await page.StartFromUrlAsync($"{_source.BaseUrl}/tone.wav");

            await page.StartSplitAndWaitForPartsAsync();
            await Assertions.Expect(page.Locator("audio.part-player")).ToHaveCountAsync(2);
        });
    }

    [BrowserFact]
    public async Task Cuts_in_pauses_are_previewed_on_the_waveform_and_the_job_is_cut_there()
    {
        var page = await OpenAsync();
        var talk = Path.Combine(Path.GetTempPath(), $"talk-{Guid.NewGuid():N}.wav");
        File.WriteAllBytes(talk, TestWav.Bursts(6, 8.0, 1.0)); // 8 s tones, 1 s pauses
        await page.RunAsync(nameof(Cuts_in_pauses_are_previewed_on_the_waveform_and_the_job_is_cut_there), async () =>
        {
            await page.SignUpAsync();
            await page.OpenLiveAsync("/splits/new");
            await page.Locator("#upload-drop-zone input[type=file]").SetInputFilesAsync(talk);
            await Assertions.Expect(page.Locator(".fact-length")).ToHaveTextAsync("0:54", new() { Timeout = 30_000 });
            await page.Locator(".split-value input").FillAsync("10");
            await Assertions.Expect(page.Locator(".cut-reason").First).ToHaveTextAsync("exact point");

            await page.GetByText("Smart cuts").ClickAsync();
            await page.Locator(".cut-at-silence input").CheckAsync();

            await Assertions.Expect(page.Locator(".cut-reason").First).ToHaveTextAsync("a pause", new() { Timeout = 15_000 });
            await Assertions.Expect(page.Locator(".planned-parts tbody tr td:nth-child(2)").Nth(1)).ToContainTextAsync("0:08.");
            await page.ScreenshotAsync("new-split-smart-cuts");

            await page.StartSplitAndWaitForPartsAsync();
            await Assertions.Expect(page.Locator("audio.part-player")).ToHaveCountAsync(6);
        });
    }

    [BrowserFact]
    public async Task A_failed_job_is_retried_from_its_page_and_the_retry_is_deleted_from_its_page()
    {
        var page = await OpenAsync();
        await page.RunAsync(nameof(A_failed_job_is_retried_from_its_page_and_the_retry_is_deleted_from_its_page), async () =>
        {
            await page.SignUpAsync();
            await page.OpenLiveAsync("/splits/new");
            await page.StartFromUrlAsync($"{_source.BaseUrl}/flaky.wav");
            await page.Locator("#start-split").ClickAsync();
            await page.WaitForURLAsync("**/jobs/job_*", new() { Timeout = 30_000 });
            var failedUrl = page.Url;

            // The source answered 503: the job fails, and says so through the circuit.
            await Assertions.Expect(page.Locator(".job-error")).ToBeVisibleAsync(new() { Timeout = 60_000 });
            await page.Locator("#retry-job").ClickAsync();
            await page.WaitForURLAsync(url => url != failedUrl && url.Contains("/jobs/job_", StringComparison.Ordinal), new() { Timeout = 30_000 });
            await Assertions.Expect(page.Locator(".status-chip")).ToContainTextAsync("completed", new() { Timeout = 90_000 });
            await Assertions.Expect(page.Locator("audio.part-player")).ToHaveCountAsync(2);

            await page.Locator(".job-detail .job-delete").ClickAsync();
            await page.Locator(".confirm-ok").ClickAsync();
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/jobs", new() { Timeout = 30_000 });
            // Only the failed original is left.
            await Assertions.Expect(page.Locator(".job-link")).ToHaveCountAsync(1);
        });
    }
}

using AudioPortal.E2E.Infrastructure;
using Microsoft.Playwright;

namespace AudioPortal.E2E.Portal;

/// <summary>
/// The README's first instruction — register, and drop a file on the dashboard — taken both ways the drop zone
/// offers (choosing a file and dropping one) through to a completed split.
/// </summary>
public sealed class DashboardUploadTests(PortalFixture portal) : BrowserTest(portal), IClassFixture<PortalFixture>
{
    [BrowserFact]
    public async Task A_file_chosen_on_the_dashboard_opens_the_new_split_page_with_it_and_splits()
    {
        var page = await OpenAsync();
        var wav = PortalSteps.WriteSineWav(4);
        await page.RunAsync(nameof(A_file_chosen_on_the_dashboard_opens_the_new_split_page_with_it_and_splits), async () =>
        {
            await page.SignUpAsync();
            await page.OpenLiveAsync("/dashboard");

            await page.Locator("#upload-drop-zone input[type=file]").SetInputFilesAsync(wav);

            await page.CompleteSplitFromDashboardAsync("0:04");
        });
        File.Delete(wav);
    }

    [BrowserFact]
    public async Task A_file_dropped_on_the_dashboard_opens_the_new_split_page_with_it_and_splits()
    {
        var page = await OpenAsync();
        await page.RunAsync(nameof(A_file_dropped_on_the_dashboard_opens_the_new_split_page_with_it_and_splits), async () =>
        {
            await page.SignUpAsync();
            await page.OpenLiveAsync("/dashboard");

            // What a browser dispatches when a file is dragged from the desktop and let go over the zone.
            var transfer = await page.EvaluateHandleAsync("""
                base64 => {
                    const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
                    const transfer = new DataTransfer();
                    transfer.items.add(new File([bytes], "dropped.wav", { type: "audio/wav" }));
                    return transfer;
                }
                """, Convert.ToBase64String(TestWav.Sine(4, 8000)));
            var zone = page.Locator("#upload-drop-zone");
            await zone.DispatchEventAsync("dragover", new { dataTransfer = transfer });
            await zone.DispatchEventAsync("drop", new { dataTransfer = transfer });

            await page.CompleteSplitFromDashboardAsync("0:04");
        });
    }
}

using AudioPortal.E2E.Infrastructure;
using Microsoft.Playwright;

namespace AudioPortal.E2E.Portal;

/// <summary>Steps the portal scenarios share: sign up through the real form, generate audio, wait for the circuit.</summary>
public static class PortalSteps
{
    public const string Password = "Correct-Horse-9!";

    /// <summary>Registers a fresh account through /Account/Register (signed in afterwards) and returns its email.</summary>
    public static async Task<string> SignUpAsync(this IPage page)
    {
        var email = $"e2e-{Guid.NewGuid():N}@example.test";
        await page.GotoAsync("/Account/Register");
        await page.Locator("input[type=email]").First.FillAsync(email);
        var passwords = page.Locator("input[type=password]");
        for (var i = 0; i < await passwords.CountAsync(); i++)
        {
            await passwords.Nth(i).FillAsync(Password);
        }

        await page.Locator("form button[type=submit]").Last.ClickAsync();
        // Generous: registering hashes the password and opens the first circuit, slow on a busy 2-core CI machine.
        await page.WaitForURLAsync(url => !url.Contains("/Account/Register", StringComparison.OrdinalIgnoreCase), new() { Timeout = 90_000 });
        return email;
    }

    /// <summary>Opens a portal page and waits until its circuit is interactive.</summary>
    public static async Task OpenLiveAsync(this IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.WaitForCircuitAsync();
    }

    /// <summary>A 16-bit PCM mono WAV of a 440 Hz sine tone, written to a temp file.</summary>
    public static string WriteSineWav(double seconds, int sampleRate = 22050)
    {
        var path = Path.Combine(Path.GetTempPath(), $"tone-{Guid.NewGuid():N}.wav");
        File.WriteAllBytes(path, TestWav.Sine(seconds, sampleRate));
        return path;
    }

    /// <summary>
    /// After a file was given to the dashboard's drop zone: the New split page shows it, Start split is enabled,
    /// and the job it starts completes with parts the page can play.
    /// </summary>
    public static async Task CompleteSplitFromDashboardAsync(this IPage page, string expectedLength)
    {
        // The upload, its probe and the page change take seconds; a loaded CI machine has taken over 30.
        await page.WaitForURLAsync(url => url.Contains("/splits/new?upload=", StringComparison.Ordinal), new() { Timeout = 90_000 });
        await Assertions.Expect(page.Locator(".fact-length")).ToHaveTextAsync(expectedLength, new() { Timeout = 30_000 });
        await page.StartSplitAndWaitForPartsAsync();
    }

    /// <summary>Presses Start split (which must be enabled) and waits on the job page until the parts are there.</summary>
    public static async Task StartSplitAndWaitForPartsAsync(this IPage page)
    {
        var start = page.Locator("#start-split");
        await Assertions.Expect(start).ToBeEnabledAsync(new() { Timeout = 10_000 });
        await start.ClickAsync();
        await page.WaitForURLAsync("**/jobs/job_*", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator(".status-chip")).ToContainTextAsync("completed", new() { Timeout = 90_000 });
        await Assertions.Expect(page.Locator("audio.part-player").First).ToBeAttachedAsync();
    }

    /// <summary>On the New split page: the URL tab, a source URL, and 2-second parts (the tone is 4 s).</summary>
    public static async Task StartFromUrlAsync(this IPage page, string url)
    {
        await page.GetByRole(AriaRole.Tab, new() { Name = "From a URL" }).ClickAsync();
        await page.Locator(".source-url input").FillAsync(url);
        await page.Locator(".split-value input").FillAsync("2");
    }
}

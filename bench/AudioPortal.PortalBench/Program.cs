using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

// Usage: AudioPortal.PortalBench <baseUrl> <serverPid> <email> <password> <bigAudioFile>
// Prints markdown rows: the jobs page's first render (navigation → first page of rows visible) and the server's
// resident memory growth while the browser uploads <bigAudioFile> through the New split page.
if (args.Length < 5)
{
    Console.Error.WriteLine("Usage: AudioPortal.PortalBench <baseUrl> <serverPid> <email> <password> <bigAudioFile>");
    return 2;
}

var (baseUrl, pid, email, password, bigFile) = (args[0], int.Parse(args[1], CultureInfo.InvariantCulture), args[2], args[3], args[4]);
using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ["--no-sandbox"] });
var page = await browser.NewPageAsync(new() { BaseURL = baseUrl });
page.SetDefaultTimeout(600_000);

await page.GotoAsync("/Account/Login");
await page.FillAsync("#login-email", email);
await page.FillAsync("#login-password", password);
await page.Locator("form button[type=submit]").Last.ClickAsync();
await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase));

// Jobs page: from navigation until the first page of rows is on screen, five times (the first warms the server up).
var renders = new List<double>();
var rows = 0;
for (var i = 0; i < 6; i++)
{
    await page.GotoAsync("/dashboard");
    var watch = Stopwatch.StartNew();
    await page.GotoAsync("/jobs");
    await page.Locator(".job-link").First.WaitForAsync();
    renders.Add(watch.Elapsed.TotalMilliseconds);
    rows = await page.Locator(".job-link").CountAsync();
}

renders.RemoveAt(0);
renders.Sort();
Console.WriteLine(FormattableString.Invariant(
    $"| jobs page, first render | {rows} rows shown | median {renders[renders.Count / 2]:0} ms, worst {renders[^1]:0} ms (5 runs after a warm-up) |"));

// Upload: sample the server's RSS every 50 ms from before the upload until the page shows the probed facts.
await page.GotoAsync("/splits/new");
await page.WaitForFunctionAsync("() => window.Blazor !== undefined");
await Task.Delay(1000);
var before = Rss(pid);
var peak = before;
using var stop = new CancellationTokenSource();
var sampler = Task.Run(async () =>
{
    while (!stop.IsCancellationRequested)
    {
        peak = Math.Max(peak, Rss(pid));
        await Task.Delay(50);
    }
});
var uploadWatch = Stopwatch.StartNew();
await page.Locator("#upload-drop-zone input[type=file]").SetInputFilesAsync(bigFile);
await page.Locator(".fact-length").WaitForAsync();
var seconds = uploadWatch.Elapsed.TotalSeconds;
await stop.CancelAsync();
await sampler;
var size = new FileInfo(bigFile).Length;
Console.WriteLine(FormattableString.Invariant(
    $"| upload from the New split page | {size / 1e6:0} MB in {seconds:0.0} s ({size / 1e6 / seconds:0} MB/s) | server RSS {before / 1048576.0:0} MB → peak {peak / 1048576.0:0} MB: growth {(peak - before) / 1048576.0:0} MB |"));
return 0;

// Resident set size of the server process, in bytes (Linux /proc).
static long Rss(int pid)
{
    foreach (var line in File.ReadLines($"/proc/{pid}/status"))
    {
        if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
        {
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
    }

    return 0;
}

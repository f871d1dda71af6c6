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
// The rows must be in the server's HTML (prerendered), so the first paint shows them.
var html = await (await page.Context.APIRequest.GetAsync(baseUrl + "/jobs")).TextAsync();
var prerendered = html.Split("job-link").Length - 1;
var renders = new List<double>();
var firstByte = new List<double>();
var firstPaint = new List<double>();
var rows = 0;
for (var i = 0; i < 6; i++)
{
    await page.GotoAsync("/dashboard");
    // Until the rows are on screen (not the load event, which also waits for every script and font).
    var watch = Stopwatch.StartNew();
    await page.GotoAsync("/jobs", new() { WaitUntil = WaitUntilState.Commit });
    await page.Locator(".job-link").First.WaitForAsync();
    renders.Add(watch.Elapsed.TotalMilliseconds);
    firstByte.Add(await page.EvaluateAsync<double>("() => performance.getEntriesByType('navigation')[0].responseStart"));
    firstPaint.Add(await page.EvaluateAsync<double>("() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1"));
    await page.WaitForLoadStateAsync(LoadState.Load);
    rows = await page.Locator(".job-link").CountAsync();
}

renders.RemoveAt(0);
renders.Sort();
foreach (var list in new[] { firstByte, firstPaint })
{
    list.RemoveAt(0);
    list.Sort();
}

Console.WriteLine(FormattableString.Invariant(
    $"| jobs page, first render | {rows} rows shown ({prerendered} in the prerendered HTML) | browser's first paint (with the rows) median {firstPaint[2]:0} ms, worst {firstPaint[^1]:0} ms; server's first byte {firstByte[2]:0} ms; rows found by Playwright after {renders[2]:0} ms (includes its own round trips); 5 runs after a warm-up |"));

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

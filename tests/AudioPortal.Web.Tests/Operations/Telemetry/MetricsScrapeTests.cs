using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using AudioPortal.Core.Billing;
using AudioPortal.Core.Data;
using AudioPortal.Web.Tests.Splits;
using Microsoft.Extensions.DependencyInjection;

namespace AudioPortal.Web.Tests.Operations.Telemetry;

/// <summary>
/// Prometheus scrapes <c>/metrics</c> over real HTTP on 127.0.0.1 after real work — a split completed and downloaded, a
/// URL job failed, a job refused for its quota, a file ffprobe could not read, webhooks answered and refused — and
/// finds the service's series with their labels and plausible values, beside ASP.NET Core's, HttpClient's and EF Core's.
/// </summary>
public sealed partial class MetricsScrapeTests : IDisposable
{
    private readonly SplitsAppFactory _app = new();

    [FfmpegFact]
    public async Task A_scrape_after_real_jobs_finds_every_domain_series_with_its_labels()
    {
        await using var receiver = await LoopbackServer.StartAsync((context, _) =>
        {
            context.Response.StatusCode = context.Request.Path == "/refuse" ? 500 : 200;
            return Task.CompletedTask;
        });
        var account = await _app.NewAccountAsync();
        var wav = TestWav.Sine(5);
        var completed = await CompletedJobAsync(account, wav, receiver.BaseUrl + "/ok");
        using var anonymous = _app.AnonymousClient();
        var part = await anonymous.GetByteArrayAsync(completed.GetProperty("segments")[0].GetProperty("downloadUrl").GetString());
        await anonymous.GetByteArrayAsync(completed.GetProperty("archiveUrl").GetString());
        var failed = await account.Client.PostAsJsonAsync("/api/v1/splits", new { sourceUrl = "http://127.0.0.1:9/gone.mp3", segmentDuration = 5, webhookUrl = receiver.BaseUrl + "/refuse" });
        Assert.Equal("failed", (await account.WaitForJobAsync(await IdOf(failed))).GetProperty("status").GetString());
        await RefusedForQuotaAsync();
        var unreadable = await account.UploadAsync([.. "fLaC"u8, .. new byte[4096]], "broken.flac", new Dictionary<string, string> { ["segmentDuration"] = "2" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unreadable.StatusCode);

        // A webhook attempt is counted once its answer is in, a moment after the receiver has seen it.
        var metrics = await ScrapeUntilAsync(m => m.Contains("outcome=\"failure\"") && m.Contains("status=\"succeeded\""));

        Assert.True(Value(metrics, "audioportal_jobs_queued_total") >= 2);
        Assert.True(Value(metrics, "audioportal_jobs_completed_total") >= 1);
        Assert.True(Value(metrics, "audioportal_jobs_failed_total", "code=\"DOWNLOAD_FAILED\"") >= 1);
        Assert.True(Value(metrics, "audioportal_jobs_running") >= 0);
        Assert.True(Value(metrics, "audioportal_job_duration_seconds_count", "outcome=\"completed\"") >= 1);
        Assert.True(Value(metrics, "audioportal_job_duration_seconds_count", "outcome=\"failed\"") >= 1);
        Assert.True(Value(metrics, "audioportal_queue_wait_seconds_count") >= 2);
        Assert.True(Value(metrics, "audioportal_audio_processed_minutes_total") >= 5 / 60.0 - 0.001);
        Assert.True(Value(metrics, "audioportal_io_received_bytes_total", "via=\"upload\"") >= wav.Length);
        Assert.True(Value(metrics, "audioportal_io_sent_bytes_total", "what=\"part\"") >= part.Length);
        Assert.True(Value(metrics, "audioportal_io_sent_bytes_total", "what=\"archive\"") > part.Length);
        Assert.True(Value(metrics, "audioportal_webhook_attempts_total", "outcome=\"success\"") >= 1);
        Assert.True(Value(metrics, "audioportal_webhook_attempts_total", "outcome=\"failure\"") >= 1);
        Assert.True(Value(metrics, "audioportal_webhook_deliveries_total", "status=\"succeeded\"") >= 1);
        Assert.True(Value(metrics, "audioportal_quota_refusals_total", "code=\"QUOTA_EXCEEDED\"") >= 1);
        Assert.True(Value(metrics, "audioportal_ffmpeg_failures_total", "tool=\"ffprobe\"", "reason=\"exit\"") >= 1);
        Assert.True(Value(metrics, "http_server_request_duration_seconds_count", "http_route=\"api/v1/splits\"") >= 1);
        Assert.True(Value(metrics, "http_client_request_duration_seconds_count") >= 1);
        Assert.Contains("\nmicrosoft_entityframeworkcore_", metrics);
    }

    /// <summary>Uploads a WAV split every 2 s (copied, no encoder) with a webhook, and waits for it to complete.</summary>
    private static async Task<JsonElement> CompletedJobAsync(TestAccount account, byte[] wav, string webhookUrl)
    {
        var created = await account.UploadAsync(wav, "tone.wav", new Dictionary<string, string> { ["segmentDuration"] = "2", ["webhookUrl"] = webhookUrl });
        var job = await account.WaitForJobAsync(await IdOf(created));
        Assert.Equal("completed", job.GetProperty("status").GetString());
        return job;
    }

    /// <summary>A fresh free account with 59 of its 60 minutes used asks for a 61-second split: 402 QUOTA_EXCEEDED.</summary>
    private async Task RefusedForQuotaAsync()
    {
        var account = await _app.NewAccountAsync();
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var meter = scope.ServiceProvider.GetRequiredService<IUsageMeter>();
            Assert.True((await meter.ReserveAsync(account.Id, "job_earlier", 59 * 60, isTestKey: false, default)).IsSuccess);
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await meter.CommitAsync(db, "job_earlier", default);
            await db.SaveChangesAsync();
        }

        var refused = await account.UploadAsync(TestWav.Sine(61), "long.wav", new Dictionary<string, string> { ["segmentDuration"] = "30" });
        Assert.Equal(HttpStatusCode.PaymentRequired, refused.StatusCode);
    }

    /// <summary>Scrapes as Prometheus would (a plain GET from this machine) until <paramref name="ready"/> holds, or for 30 s.</summary>
    private async Task<string> ScrapeUntilAsync(Func<string, bool> ready)
    {
        using var client = _app.AnonymousClient();
        var metrics = "";
        for (var i = 0; i < 300 && !ready(metrics); i++)
        {
            await Task.Delay(i == 0 ? 0 : 100);
            var response = await client.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            metrics = "\n" + await response.Content.ReadAsStringAsync();
        }

        return metrics;
    }

    /// <summary>The value of the first sample of <paramref name="name"/> whose labels include every one given; fails when none.</summary>
    private static double Value(string metrics, string name, params string[] labels)
    {
        foreach (Match sample in Sample().Matches(metrics))
        {
            if (sample.Groups["name"].Value == name && labels.All(sample.Groups["labels"].Value.Contains))
            {
                return double.Parse(sample.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }

        Assert.Fail($"No sample of {name} with {string.Join(", ", labels)} in:\n{metrics}");
        return 0;
    }

    private static async Task<string> IdOf(HttpResponseMessage created)
    {
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(?<labels>[^}]*)\})? (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex Sample();

    public void Dispose() => _app.Dispose();
}

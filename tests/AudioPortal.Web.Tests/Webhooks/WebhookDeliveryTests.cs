using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AudioPortal.Core.Data;
using AudioPortal.Web.Tests.Infrastructure;
using AudioPortal.Web.Tests.Splits;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AudioPortal.Web.Tests.Webhooks;

/// <summary>Webhooks to a real receiver on 127.0.0.1: signatures, retries under one delivery id, auto-disable, the log.</summary>
public sealed class WebhookDeliveryTests(SplitsAppFactory app) : IClassFixture<SplitsAppFactory>
{
    private async Task<(HttpClient Client, string Secret)> JwtAccountAsync()
    {
        app.AnonymousClient().Dispose();
        var (accountId, client) = await app.CreateAccountWithTokenAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var secret = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.Where(a => a.Id == accountId).Select(a => a.WebhookSecret).FirstAsync();
        return (client, secret);
    }

    private static async Task<string> CreateFailingJobAsync(HttpClient client, string webhookUrl)
    {
        var response = await client.PostAsJsonAsync("/api/v1/splits", new { sourceUrl = "http://127.0.0.1:9/gone.mp3", segmentDuration = 5, webhookUrl });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.True(condition(), "Timed out waiting.");
    }

    [FfmpegFact]
    public async Task A_completed_job_is_announced_with_a_body_the_receiver_can_verify_with_the_account_secret()
    {
        await using var receiver = await LoopbackServer.StartAsync((context, _) => Task.CompletedTask);
        var (client, secret) = await JwtAccountAsync();
        using var form = new MultipartFormDataContent
        {
            { new StringContent("2"), "segmentDuration" },
            { new StringContent(receiver.BaseUrl + "/hooks"), "webhookUrl" },
            { new StringContent("""{"show":"x"}"""), "metadata" },
        };
        form.Add(new ByteArrayContent(TestWav.Sine(5)), "file", "tone.wav");
        var created = await client.PostAsync("/api/v1/splits", form);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var jobId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        await WaitUntilAsync(() => receiver.Requests.Any(r => r.Headers.GetValueOrDefault("X-AudioSpliter-Event") == "job.completed"));
        var request = receiver.Requests.Last(r => r.Headers["X-AudioSpliter-Event"] == "job.completed");
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), request.Body));
        Assert.Equal(expected, request.Headers["X-AudioSpliter-Signature"]);
        Assert.StartsWith("whd_", request.Headers["X-AudioSpliter-Delivery"]);
        Assert.Equal("AudioPortal-Webhook/1.0", request.Headers["User-Agent"]);

        var body = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal("job.completed", body.GetProperty("event").GetString());
        Assert.Equal(jobId, body.GetProperty("jobId").GetString());
        Assert.Matches(@"Z$", body.GetProperty("timestamp").GetString());
        var data = body.GetProperty("data");
        Assert.Equal("completed", data.GetProperty("status").GetString());
        Assert.Equal("duration", data.GetProperty("splitMode").GetString());
        Assert.Equal(3, data.GetProperty("segmentCount").GetInt32());
        Assert.Equal(5.0, data.GetProperty("totalDuration").GetDouble(), 2);
        Assert.Equal(3, data.GetProperty("segments").GetArrayLength());
        Assert.Matches($@"/api/v1/splits/{jobId}/manifest\.json\?expires=\d+&sig=", data.GetProperty("manifestUrl").GetString());
        Assert.Matches($@"/api/v1/splits/{jobId}/manifest\.cue\?expires=\d+&sig=", data.GetProperty("cueUrl").GetString());
        Assert.Equal("x", data.GetProperty("metadata").GetProperty("show").GetString());
    }

    [FfmpegFact]
    public async Task A_fast_job_announces_25_50_and_75_percent_in_order_then_completes_with_absolute_download_links()
    {
        await using var receiver = await LoopbackServer.StartAsync((context, _) => Task.CompletedTask);
        var (client, _) = await JwtAccountAsync();
        using var form = new MultipartFormDataContent { { new StringContent("2"), "segmentDuration" }, { new StringContent(receiver.BaseUrl + "/hooks"), "webhookUrl" } };
        form.Add(new ByteArrayContent(TestWav.Sine(3)), "file", "tone.wav");
        var created = await client.PostAsync("/api/v1/splits", form);
        var jobId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        await WaitUntilAsync(() => receiver.Requests.Count(r => r.Headers.GetValueOrDefault("X-AudioSpliter-Event") is "job.completed" or "job.progress") >= 4);
        await using var scope = app.Services.CreateAsyncScope();
        var queued = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<Core.Webhooks.WebhookDelivery>().IgnoreQueryFilters()
            .Where(d => d.JobId == jobId).OrderBy(d => d.CreatedAt).Select(d => d.Payload).ToListAsync();
        var events = queued.Select(p => JsonDocument.Parse(p).RootElement).ToList();
        Assert.Equal(["job.progress", "job.progress", "job.progress", "job.completed"], events.Select(e => e.GetProperty("event").GetString()));
        Assert.Equal([25, 50, 75], events.Take(3).Select(e => e.GetProperty("data").GetProperty("progress").GetInt32()));

        // No PublicBaseUrl here: the links use the address the API was first reached at (the test client's).
        var completed = JsonDocument.Parse(receiver.Requests.Last(r => r.Headers["X-AudioSpliter-Event"] == "job.completed").Body).RootElement.GetProperty("data");
        Assert.StartsWith($"{client.BaseAddress!.GetLeftPart(UriPartial.Authority)}/api/v1/splits/{jobId}/segments/0?", completed.GetProperty("segments")[0].GetProperty("downloadUrl").GetString());
    }

    [Fact]
    public async Task A_failing_receiver_gets_retries_under_the_same_delivery_id_and_the_log_shows_them()
    {
        var calls = 0;
        await using var receiver = await LoopbackServer.StartAsync((context, _) =>
        {
            context.Response.StatusCode = Interlocked.Increment(ref calls) < 3 ? 500 : 200;
            return Task.CompletedTask;
        });
        var (client, _) = await JwtAccountAsync();
        await CreateFailingJobAsync(client, receiver.BaseUrl + "/hooks");

        await WaitUntilAsync(() => receiver.Requests.Count >= 3);
        var ids = receiver.Requests.Select(r => r.Headers["X-AudioSpliter-Delivery"]).Distinct().ToList();
        Assert.Single(ids);
        Assert.All(receiver.Requests, r => Assert.Equal("job.failed", r.Headers["X-AudioSpliter-Event"]));
        Assert.Single(receiver.Requests.Select(r => Convert.ToBase64String(r.Body)).Distinct());

        JsonElement delivery = default;
        await WaitUntilAsync(() =>
        {
            var log = client.GetFromJsonAsync<JsonElement>("/api/v1/webhooks").GetAwaiter().GetResult();
            delivery = log.GetProperty("deliveries")[0];
            return delivery.GetProperty("status").GetString() == "succeeded";
        });
        Assert.Equal(ids[0], delivery.GetProperty("id").GetString());
        Assert.Equal(3, delivery.GetProperty("attempts").GetInt32());
        Assert.Equal(200, delivery.GetProperty("responseStatus").GetInt32());
    }

    [Fact]
    public async Task Three_events_that_fail_every_attempt_disable_the_accounts_webhooks_until_re_enabled()
    {
        await using var receiver = await LoopbackServer.StartAsync((context, _) =>
        {
            context.Response.StatusCode = 503;
            return context.Response.WriteAsync("down for maintenance");
        });
        var (client, _) = await JwtAccountAsync();
        for (var i = 0; i < 3; i++)
        {
            await CreateFailingJobAsync(client, receiver.BaseUrl + "/hooks");
        }

        JsonElement settings = default;
        await WaitUntilAsync(() =>
        {
            settings = client.GetFromJsonAsync<JsonElement>("/api/v1/webhooks").GetAwaiter().GetResult();
            return !settings.GetProperty("enabled").GetBoolean();
        });
        Assert.Equal(9, receiver.Requests.Count);
        var delivery = settings.GetProperty("deliveries")[0];
        Assert.Equal("failed", delivery.GetProperty("status").GetString());
        Assert.Equal("down for maintenance", delivery.GetProperty("responseBody").GetString());
        Assert.StartsWith("whsec_", settings.GetProperty("secretPreview").GetString());

        // Disabled: a new job's event is not sent.
        await CreateFailingJobAsync(client, receiver.BaseUrl + "/hooks");
        await Task.Delay(1500);
        Assert.Equal(9, receiver.Requests.Count);

        var enabled = await client.PostAsync("/api/v1/webhooks/enable", null);
        Assert.True((await enabled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task The_webhook_settings_take_a_jwt_only_and_rotating_changes_the_signing_secret()
    {
        var (_, keyClient) = await app.CreateAccountWithKeyAsync();
        var denied = await keyClient.GetAsync("/api/v1/webhooks");
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);

        var (client, secret) = await JwtAccountAsync();
        var rotated = await (await client.PostAsync("/api/v1/webhooks/rotate-secret", null)).Content.ReadFromJsonAsync<JsonElement>();
        var newSecret = rotated.GetProperty("secret").GetString();
        Assert.StartsWith("whsec_", newSecret);
        Assert.NotEqual(secret, newSecret);
        var settings = await client.GetFromJsonAsync<JsonElement>("/api/v1/webhooks");
        Assert.Equal(rotated.GetProperty("secretPreview").GetString(), settings.GetProperty("secretPreview").GetString());
    }

    [Fact]
    public async Task A_receiver_that_stalls_its_answer_does_not_hold_up_another_accounts_deliveries()
    {
        using var done = new CancellationTokenSource();
        await using var stalling = await LoopbackServer.StartAsync(async (context, _) =>
        {
            // Headers out, then the body never comes: the attempt's deadline must cut it.
            context.Response.ContentLength = 100;
            await context.Response.StartAsync();
            await context.Response.Body.FlushAsync();
            using var either = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, done.Token);
            await Task.Delay(Timeout.Infinite, either.Token).ContinueWith(_ => { });
        });
        await using var healthy = await LoopbackServer.StartAsync((_, _) => Task.CompletedTask);
        var (a, _) = await JwtAccountAsync();
        var (b, _) = await JwtAccountAsync();

        await CreateFailingJobAsync(a, stalling.BaseUrl + "/hooks");
        await WaitUntilAsync(() => !stalling.Requests.IsEmpty);
        var since = DateTime.UtcNow;
        await CreateFailingJobAsync(b, healthy.BaseUrl + "/hooks");
        await WaitUntilAsync(() => !healthy.Requests.IsEmpty, seconds: 15);

        // The factory's deadline is 5 s (the former Webhooks:Timeout setting); B must not have waited for it.
        Assert.True(DateTime.UtcNow - since < TimeSpan.FromSeconds(4), $"B's event waited {DateTime.UtcNow - since} behind A's stalled receiver");
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Equal(TimeSpan.FromSeconds(5), scope.ServiceProvider.GetRequiredService<AudioPortal.Core.Webhooks.WebhooksOptions>().EffectiveAttemptTimeout);
        await done.CancelAsync();
    }
}

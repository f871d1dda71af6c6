using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using AudioPortal.Web.Tests.Infrastructure;
using static AudioPortal.Web.Tests.Splits.SplitJobLifecycleTests;

namespace AudioPortal.Web.Tests.Splits;

/// <summary>Idempotent creation, URL sources, listing, changing and deleting jobs.</summary>
public sealed class SplitJobManagementTests(SplitsAppFactory app) : IClassFixture<SplitsAppFactory>
{
    [Fact]
    public async Task The_same_idempotency_key_and_body_returns_the_first_job_and_a_different_body_conflicts()
    {
        var user = await app.NewAccountAsync();
        var body = new { sourceUrl = "http://127.0.0.1:9/a.mp3", segmentDuration = 5, metadata = new { a = "1" } };
        async Task<HttpResponseMessage> Post(object content)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/splits") { Content = JsonContent.Create(content) };
            request.Headers.Add("Idempotency-Key", "order-7");
            return await user.Client.SendAsync(request);
        }

        var first = await Post(body);
        var second = await Post(body);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var firstId = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        Assert.Equal(firstId, (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
        await AssertErrorAsync(await Post(body with { segmentDuration = 6 }), HttpStatusCode.Conflict, "IDEMPOTENCY_CONFLICT");

        var list = await user.Client.GetFromJsonAsync<JsonElement>("/api/v1/splits");
        Assert.Equal(1, list.GetProperty("pagination").GetProperty("total").GetInt32());

        // Keys belong to an account: another account may use the same one.
        var other = await app.NewAccountAsync();
        using var otherRequest = new HttpRequestMessage(HttpMethod.Post, "/api/v1/splits") { Content = JsonContent.Create(body) };
        otherRequest.Headers.Add("Idempotency-Key", "order-7");
        var otherResponse = await other.Client.SendAsync(otherRequest);
        Assert.Equal(HttpStatusCode.Created, otherResponse.StatusCode);
        Assert.NotEqual(firstId, (await otherResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_replay_answers_with_the_first_responses_status_and_body_not_the_jobs_state_now()
    {
        var user = await app.NewAccountAsync();
        async Task<HttpResponseMessage> Post()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/splits")
            {
                Content = JsonContent.Create(new { sourceUrl = "http://127.0.0.1:9/gone.mp3", segmentDuration = 5 }),
            };
            request.Headers.Add("Idempotency-Key", "replay-1");
            return await user.Client.SendAsync(request);
        }

        var first = await Post();
        var firstBody = await first.Content.ReadAsStringAsync();
        var id = JsonDocument.Parse(firstBody).RootElement.GetProperty("id").GetString()!;
        Assert.Equal("failed", (await user.WaitForJobAsync(id)).GetProperty("status").GetString());

        var replay = await Post();

        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(firstBody, await replay.Content.ReadAsStringAsync());
    }

    [FfmpegFact]
    public async Task A_url_source_is_downloaded_by_the_worker_and_split()
    {
        var wav = TestWav.Sine(4);
        await using var source = await LoopbackServer.StartAsync(async (context, _) =>
        {
            context.Response.ContentType = "audio/wav";
            await context.Response.Body.WriteAsync(wav);
        });
        var user = await app.NewAccountAsync();
        var created = await user.Client.PostAsJsonAsync("/api/v1/splits", new { sourceUrl = source.BaseUrl + "/shows/ep42.wav", segmentDuration = 3, outputFormat = "mp3" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var queued = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(queued.TryGetProperty("sourceDuration", out _)); // null members are omitted

        var job = await user.WaitForJobAsync(queued.GetProperty("id").GetString()!);
        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal("ep42.wav", job.GetProperty("sourceFileName").GetString());
        Assert.Equal(wav.Length, job.GetProperty("sourceSize").GetInt64());
        Assert.Equal(4.0, job.GetProperty("sourceDuration").GetDouble(), 2);
        Assert.Equal(2, job.GetProperty("segmentCount").GetInt32());
    }

    [Fact]
    public async Task A_url_that_answers_with_an_error_or_with_html_fails_the_job_with_download_failed()
    {
        await using var source = await LoopbackServer.StartAsync(async (context, _) =>
        {
            if (context.Request.Path == "/missing.mp3")
            {
                context.Response.StatusCode = 404;
                return;
            }

            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<html>login</html>");
        });
        var user = await app.NewAccountAsync();
        foreach (var (path, why) in new[] { ("/missing.mp3", "404"), ("/page.mp3", "text/html") })
        {
            var created = await user.Client.PostAsJsonAsync("/api/v1/splits", new { sourceUrl = source.BaseUrl + path, segmentDuration = 3 });
            var job = await user.WaitForJobAsync((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
            Assert.Equal("failed", job.GetProperty("status").GetString());
            Assert.Equal("DOWNLOAD_FAILED", job.GetProperty("error").GetProperty("code").GetString());
            Assert.Contains(why, job.GetProperty("error").GetProperty("message").GetString());
        }
    }

    [Fact]
    public async Task Listing_is_newest_first_filtered_and_paginated()
    {
        var user = await app.NewAccountAsync();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var created = await user.Client.PostAsJsonAsync("/api/v1/splits", new { sourceUrl = $"http://127.0.0.1:9/{i}.mp3", segmentDuration = 5 });
            ids.Add((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
            await Task.Delay(1100); // timestamps have whole seconds on the wire but order by ticks; keep them apart anyway
        }

        var page = await user.Client.GetFromJsonAsync<JsonElement>("/api/v1/splits?page=1&limit=2");
        Assert.Equal([ids[2], ids[1]], page.GetProperty("data").EnumerateArray().Select(j => j.GetProperty("id").GetString()));
        Assert.Equal(3, page.GetProperty("pagination").GetProperty("total").GetInt32());
        Assert.Equal(2, page.GetProperty("pagination").GetProperty("totalPages").GetInt32());
        var second = await user.Client.GetFromJsonAsync<JsonElement>("/api/v1/splits?page=2&limit=2");
        Assert.Equal([ids[0]], second.GetProperty("data").EnumerateArray().Select(j => j.GetProperty("id").GetString()));
        await AssertErrorAsync(await user.Client.GetAsync("/api/v1/splits?limit=101&status=done"), HttpStatusCode.UnprocessableEntity, "INVALID_PARAMS");
    }
}

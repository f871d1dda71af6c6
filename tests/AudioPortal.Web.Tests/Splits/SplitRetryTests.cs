using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AudioPortal.Core.Accounts;
using AudioPortal.Core.Data;
using AudioPortal.Core.Splits;
using AudioPortal.Core.Storage;
using AudioPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static AudioPortal.Web.Tests.Splits.SplitJobLifecycleTests;

namespace AudioPortal.Web.Tests.Splits;

/// <summary>
/// <c>POST /api/v1/splits/{id}/retry</c>: a failed job runs again as a new job with its settings and source, as the
/// portal's Retry does; API credentials only, like every other write.
/// </summary>
public sealed class SplitRetryTests(SplitsAppFactory app) : IClassFixture<SplitsAppFactory>, IAsyncLifetime
{
    private LoopbackServer _missing = null!;

    public async Task InitializeAsync() => _missing = await LoopbackServer.StartAsync((context, _) =>
    {
        context.Response.StatusCode = 404;
        return Task.CompletedTask;
    });

    public async Task DisposeAsync() => await _missing.DisposeAsync();

    [Fact]
    public async Task A_failed_job_is_run_again_as_a_new_queued_job_with_its_settings_with_an_api_key_and_with_a_jwt()
    {
        var keyUser = await app.NewAccountAsync();
        var (jwtId, jwtClient) = await app.CreateAccountWithTokenAsync();
        foreach (var user in new[] { keyUser, new TestAccount(jwtId, "", jwtClient) })
        {
            var failed = await FailedUrlJobAsync(user);

            var response = await user.Client.PostAsync($"/api/v1/splits/{failed}/retry", null);

            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var job = await response.Content.ReadFromJsonAsync<JsonElement>();
            var id = job.GetProperty("id").GetString();
            Assert.NotEqual(failed, id);
            Assert.Equal($"/api/v1/splits/{id}", response.Headers.Location?.OriginalString);
            Assert.Equal(_missing.BaseUrl + "/ep1.mp3", job.GetProperty("sourceUrl").GetString());
            Assert.Equal(7, job.GetProperty("segmentDuration").GetInt32());
            Assert.Equal("mp3", job.GetProperty("outputFormat").GetString());
            Assert.Equal("42", job.GetProperty("metadata").GetProperty("order").GetString());
            Assert.Equal("failed", (await user.GetJobAsync(failed)).GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task A_portal_cookie_cannot_retry_and_starts_nothing()
    {
        // The portal's own host (the cookie flow as the browser uses it), with no worker: the job is failed by hand.
        await using var portal = new AppFactory();
        portal.Settings["Splits:RunBackgroundWork"] = "false";
        var account = await portal.CreateAccountAsync();
        var (_, key) = await portal.CreateKeyAsync(account.Id);
        using var owner = portal.CreateClientWithKey(key);
        var created = await owner.PostAsJsonAsync("/api/v1/splits", new { sourceUrl = "http://127.0.0.1:9/a.mp3", segmentDuration = 5 });
        var failed = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await MarkFailedAsync(portal, failed);
        var (browser, token) = await portal.SignInAsync(account);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/splits/{failed}/retry");
        request.Headers.Add("RequestVerificationToken", token);

        await AssertErrorAsync(await browser.SendAsync(request), HttpStatusCode.Unauthorized, "UNAUTHORIZED");

        var list = await owner.GetFromJsonAsync<JsonElement>("/api/v1/splits");
        Assert.Equal(1, list.GetProperty("pagination").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Another_accounts_job_is_not_found_and_a_read_only_key_is_refused()
    {
        var owner = await app.NewAccountAsync();
        var failed = await FailedUrlJobAsync(owner);
        var stranger = await app.NewAccountAsync();
        var reader = await app.NewAccountAsync(scopes: [Scopes.SplitsRead]);

        await AssertErrorAsync(await stranger.Client.PostAsync($"/api/v1/splits/{failed}/retry", null), HttpStatusCode.NotFound, "JOB_NOT_FOUND");
        await AssertErrorAsync(await reader.Client.PostAsync($"/api/v1/splits/{failed}/retry", null), HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE");
    }

    [Fact]
    public async Task The_same_idempotency_key_returns_the_first_retry()
    {
        var user = await app.NewAccountAsync();
        var failed = await FailedUrlJobAsync(user);
        async Task<string?> Retry()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/splits/{failed}/retry");
            request.Headers.Add("Idempotency-Key", "retry-1");
            var response = await user.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        }

        Assert.Equal(await Retry(), await Retry());
        var list = await user.Client.GetFromJsonAsync<JsonElement>("/api/v1/splits");
        Assert.Equal(2, list.GetProperty("pagination").GetProperty("total").GetInt32());
    }

    [FfmpegFact]
    public async Task Only_a_failed_job_is_retried_and_its_upload_only_while_the_file_is_kept()
    {
        var user = await app.NewAccountAsync();
        var uploaded = await user.UploadAsync(TestWav.Sine(2), "tone.wav", new Dictionary<string, string> { ["segmentDuration"] = "1" });
        var id = (await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        Assert.Equal("completed", (await user.WaitForJobAsync(id)).GetProperty("status").GetString());

        await AssertErrorAsync(await user.Client.PostAsync($"/api/v1/splits/{id}/retry", null), HttpStatusCode.Conflict, "JOB_ALREADY_FINISHED");

        await MarkFailedAsync(app, id);
        var retried = await user.Client.PostAsync($"/api/v1/splits/{id}/retry", null);
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        var copy = await retried.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("tone.wav", copy.GetProperty("sourceFileName").GetString());
        Assert.Equal(2.0, copy.GetProperty("sourceDuration").GetDouble(), 2);

        await app.Services.GetRequiredService<IBlobStore>().DeleteAsync(BlobKeys.Source(user.Id, id));
        await AssertErrorAsync(await user.Client.PostAsync($"/api/v1/splits/{id}/retry", null), HttpStatusCode.Gone, "DOWNLOAD_EXPIRED");
    }

    /// <summary>A job whose source URL answers 404: the worker fails it with DOWNLOAD_FAILED.</summary>
    private async Task<string> FailedUrlJobAsync(TestAccount user)
    {
        var created = await user.Client.PostAsJsonAsync("/api/v1/splits",
            new { sourceUrl = _missing.BaseUrl + "/ep1.mp3", segmentDuration = 7, outputFormat = "mp3", metadata = new { order = "42" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        Assert.Equal("failed", (await user.WaitForJobAsync(id)).GetProperty("status").GetString());
        return id;
    }

    private static async Task MarkFailedAsync(AppFactory host, string id)
    {
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<SplitJob>().IgnoreQueryFilters().Where(j => j.Id == id)
            .ExecuteUpdateAsync(set => set.SetProperty(j => j.Status, JobStatus.Failed).SetProperty(j => j.ErrorCode, "PROCESSING_TIMEOUT"));
    }
}

using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AudioPortal.Core.ApiKeys;
using AudioPortal.Core.Data;
using AudioPortal.Web.Tests.Infrastructure;
using AudioPortal.Web.Tests.Splits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AudioPortal.Web.Tests.Accounts;

public sealed class AccountExportApiTests(AccountsAppFactory app) : IClassFixture<AccountsAppFactory>
{
    [Fact]
    public async Task A_json_export_holds_the_accounts_jobs_segments_and_keys_and_nothing_of_another_account()
    {
        var alice = await app.NewUserAsync();
        var bob = await app.NewUserAsync();
        var job = await alice.CompletedJobAsync();
        var jobId = job.GetProperty("id").GetString()!;
        var (secondKeyId, secondKey) = await app.CreateKeyAsync(alice.Id, name: "second key");
        var bobJob = await bob.CompletedJobAsync();

        var started = await alice.Jwt.PostAsJsonAsync("/api/v1/account/export", new { format = "json" });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var body = await started.Content.ReadFromJsonAsync<JsonElement>();
        var exportId = body.GetProperty("exportId").GetString()!;
        Assert.StartsWith("exp_", exportId);
        Assert.Equal("json", body.GetProperty("format").GetString());
        Assert.Contains(body.GetProperty("status").GetString(), new[] { "queued", "processing", "completed" });
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", body.GetProperty("estimatedCompletionAt").GetString());
        Assert.Equal(new[] { "exportId", "status", "format", "estimatedCompletionAt" }, body.EnumerateObject().Select(p => p.Name));
        Assert.Equal($"/api/v1/account/export/{exportId}", started.Headers.Location?.OriginalString);

        var export = await WaitAsync(alice, exportId);
        Assert.Equal("completed", export.GetProperty("status").GetString());
        var url = export.GetProperty("downloadUrl").GetString()!;
        Assert.StartsWith("http", url);

        var download = await app.AnonymousClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/json", download.Content.Headers.ContentType?.MediaType);
        var text = await download.Content.ReadAsStringAsync();
        Assert.Equal(export.GetProperty("size").GetInt64(), download.Content.Headers.ContentLength);
        var document = JsonDocument.Parse(text).RootElement;

        Assert.Equal(exportId, document.GetProperty("exportId").GetString());
        Assert.Equal(alice.Id, document.GetProperty("account").GetProperty("id").GetString());
        Assert.Equal(alice.Account.Email, document.GetProperty("account").GetProperty("email").GetString());
        Assert.Equal("plan_free", document.GetProperty("plan").GetProperty("id").GetString());
        var jobs = document.GetProperty("jobs").EnumerateArray().ToList();
        Assert.Equal(jobId, Assert.Single(jobs).GetProperty("id").GetString());
        var segments = document.GetProperty("segments").EnumerateArray().ToList();
        Assert.Equal(3, segments.Count);
        Assert.All(segments, s => Assert.Equal(jobId, s.GetProperty("jobId").GetString()));
        var keyIds = document.GetProperty("apiKeys").EnumerateArray().Select(k => k.GetProperty("id").GetString()).ToList();
        Assert.Equal(new[] { alice.KeyId, secondKeyId }.Order(), keyIds.Order());
        Assert.Contains(document.GetProperty("usageRecords").EnumerateArray(), u => u.GetProperty("jobId").GetString() == jobId);

        await AssertNothingSecretOrForeignAsync(text, alice, [secondKey], bob, bobJob.GetProperty("id").GetString()!);
    }

    [Fact]
    public async Task A_csv_export_is_a_zip_of_one_csv_per_table_with_the_accounts_rows_only()
    {
        var alice = await app.NewUserAsync();
        var bob = await app.NewUserAsync();
        var jobId = (await alice.CompletedJobAsync()).GetProperty("id").GetString()!;
        var bobJobId = (await bob.CompletedJobAsync()).GetProperty("id").GetString()!;

        var export = await alice.ExportAsync("csv");
        Assert.Equal("completed", export.GetProperty("status").GetString());
        Assert.EndsWith(".zip", export.GetProperty("fileName").GetString());

        var download = await app.AnonymousClient().GetAsync(export.GetProperty("downloadUrl").GetString());
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/zip", download.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(new MemoryStream(await download.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        var files = zip.Entries.ToDictionary(e => e.FullName, e => new StreamReader(e.Open()).ReadToEnd());
        Assert.Superset(new HashSet<string> { "account.csv", "plan.csv", "apiKeys.csv", "jobs.csv", "segments.csv", "usageRecords.csv", "invoices.csv", "webhookDeliveries.csv" },
            files.Keys.ToHashSet());

        var jobs = Lines(files["jobs.csv"]);
        Assert.StartsWith("id,status,splitMode,", jobs[0]);
        Assert.StartsWith($"{jobId},completed,duration,", Assert.Single(jobs.Skip(1)));
        Assert.Equal(4, Lines(files["segments.csv"]).Length); // header + 3 parts
        var keys = Lines(files["apiKeys.csv"]);
        Assert.StartsWith($"{alice.KeyId},first key,", Assert.Single(keys.Skip(1)));
        Assert.Equal(2, Lines(files["account.csv"]).Length);

        await AssertNothingSecretOrForeignAsync(string.Concat(files.Values), alice, [], bob, bobJobId);
    }

    [Fact]
    public async Task Another_accounts_export_is_not_found_and_a_tampered_link_is_refused()
    {
        var alice = await app.NewUserAsync();
        var bob = await app.NewUserAsync();
        var export = await alice.ExportAsync("json");

        await (await bob.Jwt.GetAsync($"/api/v1/account/export/{export.GetProperty("exportId").GetString()}")).AssertErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await bob.Jwt.GetAsync("/api/v1/account/export/exp_doesnotexist")).AssertErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");

        var url = export.GetProperty("downloadUrl").GetString()!;
        var anonymous = app.AnonymousClient();
        await (await anonymous.GetAsync(url[..^3] + "xyz")).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await (await anonymous.GetAsync(url.Split('?')[0])).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task Export_routes_take_a_jwt_only_and_check_the_format_and_webhook_url()
    {
        var alice = await app.NewUserAsync();

        await (await alice.KeyClient.PostAsJsonAsync("/api/v1/account/export", new { format = "json" })).AssertErrorAsync(HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE");
        await (await app.AnonymousClient().PostAsJsonAsync("/api/v1/account/export", new { format = "json" })).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        var error = await (await alice.Jwt.PostAsJsonAsync("/api/v1/account/export", new { format = "xml" })).AssertErrorAsync(HttpStatusCode.UnprocessableEntity, "INVALID_PARAMS");
        Assert.Equal("format", error.GetProperty("details").GetProperty("fields")[0].GetProperty("field").GetString());
        await (await alice.Jwt.PostAsJsonAsync("/api/v1/account/export", new { format = "csv", webhookUrl = "ftp://example.test/x" }))
            .AssertErrorAsync(HttpStatusCode.UnprocessableEntity, "INVALID_URL");
    }

    [Fact]
    public async Task An_export_asked_for_with_no_body_or_an_empty_object_is_json()
    {
        var alice = await app.NewUserAsync();

        var empty = await alice.Jwt.PostAsJsonAsync("/api/v1/account/export", new { });
        using var noBody = new HttpRequestMessage(HttpMethod.Post, "/api/v1/account/export");
        var bare = await alice.Jwt.SendAsync(noBody);

        Assert.Equal(HttpStatusCode.Accepted, empty.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, bare.StatusCode);
        Assert.Equal("json", (await empty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("format").GetString());
        Assert.Equal("json", (await bare.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("format").GetString());
    }

    [Fact]
    public async Task A_second_request_while_an_export_of_that_format_is_pending_answers_with_the_pending_one()
    {
        var alice = await app.NewUserAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var current = scope.ServiceProvider.GetRequiredService<Core.Accounts.CurrentAccount>();
        current.Set(alice.Id, Core.Accounts.Scopes.All);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var pending = new Core.Accounts.AccountExport { AccountId = alice.Id, Format = "csv", Status = "processing", CreatedAt = DateTimeOffset.UtcNow, StartedAt = DateTimeOffset.UtcNow };
        db.Add(pending);
        await db.SaveChangesAsync();

        var again = await (await alice.Jwt.PostAsJsonAsync("/api/v1/account/export", new { format = "csv" })).Content.ReadFromJsonAsync<JsonElement>();
        var json = await (await alice.Jwt.PostAsJsonAsync("/api/v1/account/export", new { format = "json" })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(pending.Id, again.GetProperty("exportId").GetString());
        Assert.Equal("processing", again.GetProperty("status").GetString());
        Assert.NotEqual(pending.Id, json.GetProperty("exportId").GetString());
    }

    [Fact]
    public async Task A_webhook_url_receives_a_signed_account_export_completed_event_with_a_working_link()
    {
        await using var receiver = await LoopbackServer.StartAsync((context, _) => Task.CompletedTask);
        var alice = await app.NewUserAsync();
        var started = await alice.Jwt.PostAsJsonAsync("/api/v1/account/export", new { format = "json", webhookUrl = receiver.BaseUrl + "/hooks" });
        var exportId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("exportId").GetString();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!receiver.Requests.Any() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var request = Assert.Single(receiver.Requests);
        Assert.Equal("account.export.completed", request.Headers["X-AudioSpliter-Event"]);
        await using var scope = app.Services.CreateAsyncScope();
        var secret = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.Where(a => a.Id == alice.Id).Select(a => a.WebhookSecret).SingleAsync();
        Assert.Equal(Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), request.Body)), request.Headers["X-AudioSpliter-Signature"]);
        var body = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal("account.export.completed", body.GetProperty("event").GetString());
        Assert.Equal(exportId, body.GetProperty("exportId").GetString());
        Assert.Equal("completed", body.GetProperty("data").GetProperty("status").GetString());
        var link = body.GetProperty("data").GetProperty("downloadUrl").GetString()!;
        var download = await app.AnonymousClient().GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(exportId, JsonDocument.Parse(await download.Content.ReadAsStringAsync()).RootElement.GetProperty("exportId").GetString());
    }

    private async Task<JsonElement> WaitAsync(AccountUser user, string exportId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var export = await user.Jwt.GetFromJsonAsync<JsonElement>($"/api/v1/account/export/{exportId}");
            if (export.GetProperty("status").GetString() is "completed" or "failed" || DateTime.UtcNow > deadline)
            {
                return export;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>No key, key hash, refresh-token hash or webhook secret of the account, and no trace of the other account.</summary>
    private async Task AssertNothingSecretOrForeignAsync(string exported, AccountUser owner, IReadOnlyList<string> moreKeys, AccountUser other, string otherJobId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var hashes = await db.Set<ApiKey>().IgnoreQueryFilters().Where(k => k.AccountId == owner.Id).Select(k => k.Hash).ToListAsync();
        var tokenHashes = await db.Set<Core.Accounts.RefreshToken>().IgnoreQueryFilters().Where(t => t.AccountId == owner.Id).Select(t => t.Hash).ToListAsync();
        var secret = await db.Users.Where(a => a.Id == owner.Id).Select(a => a.WebhookSecret).SingleAsync();
        var passwordHash = await db.Users.Where(a => a.Id == owner.Id).Select(a => a.PasswordHash).SingleAsync();

        Assert.NotEmpty(hashes);
        Assert.All(hashes.Concat(tokenHashes), h => Assert.DoesNotContain(h, exported));
        Assert.All(moreKeys.Append(owner.Key).Append(owner.RefreshToken), k => Assert.DoesNotContain(k, exported));
        Assert.DoesNotContain(secret, exported);
        Assert.DoesNotContain(passwordHash!, exported);
        Assert.DoesNotContain(other.Id, exported);
        Assert.DoesNotContain(other.KeyId, exported);
        Assert.DoesNotContain(otherJobId, exported);
        Assert.DoesNotContain(other.Account.Email, exported);
    }

    private static string[] Lines(string csv) => csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
}

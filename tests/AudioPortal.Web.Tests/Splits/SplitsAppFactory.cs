using System.Net.Http.Json;
using System.Text.Json;
using AudioPortal.Core.Data;
using AudioPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AudioPortal.Web.Tests.Splits;

/// <summary>
/// The app with fast worker and webhook timings, served by Kestrel on 127.0.0.1:0 (real sockets, so the URL-source and
/// webhook tests can reach test servers on loopback). <see cref="NewAccountAsync"/> gives a fresh account and a client with its API key.
/// </summary>
public class SplitsAppFactory : AppFactory
{
    public SplitsAppFactory()
        : this(TestEngine.Sqlite)
    {
    }

    protected SplitsAppFactory(TestEngine engine)
        : base(engine)
    {
        Settings["Splits:PollInterval"] = "00:00:00.200";
        Settings["Splits:Workers"] = "2";
        Settings["Webhooks:PollInterval"] = "00:00:00.200";
        Settings["Webhooks:RetrySchedule:0"] = "00:00:01";
        Settings["Webhooks:RetrySchedule:1"] = "00:00:01";
        Settings["Webhooks:Timeout"] = "00:00:05";
        UseKestrel(0);
    }

    public Action<IServiceCollection>? ConfigureServices { get; set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            ConfigureServices?.Invoke(services);
        });
    }

    public async Task<TestAccount> NewAccountAsync(string planId = "plan_free", IReadOnlyList<string>? scopes = null, bool testKey = false)
    {
        StartServer();
        var (accountId, client) = await this.CreateAccountWithKeyAsync(planId, scopes, testKey);
        client.Timeout = TimeSpan.FromSeconds(60);
        await using var scope = Services.CreateAsyncScope();
        var secret = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users
            .Where(a => a.Id == accountId).Select(a => a.WebhookSecret).FirstAsync();
        return new TestAccount(accountId, secret, client);
    }

    /// <summary>A client with no credentials, for signed downloads.</summary>
    public HttpClient AnonymousClient()
    {
        StartServer();
        return CreateClient();
    }
}

/// <summary><see cref="SplitsAppFactory"/> on its own PostgreSQL database.</summary>
public sealed class PostgresSplitsAppFactory() : SplitsAppFactory(TestEngine.Postgres);

public sealed record TestAccount(string Id, string WebhookSecret, HttpClient Client)
{
    public async Task<JsonElement> GetJobAsync(string id)
    {
        var response = await Client.GetAsync($"/api/v1/splits/{id}");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Polls the job until it leaves queued/processing (or the time runs out).</summary>
    public async Task<JsonElement> WaitForJobAsync(string id, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var job = await GetJobAsync(id);
            var status = job.GetProperty("status").GetString();
            if (status is "completed" or "failed" || DateTime.UtcNow > deadline)
            {
                return job;
            }

            await Task.Delay(100);
        }
    }

    public async Task<HttpResponseMessage> UploadAsync(
        byte[] file, string fileName, IDictionary<string, string> fields, string? idempotencyKey = null, string path = "/api/v1/splits")
    {
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        form.Add(new ByteArrayContent(file), "file", fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = form };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await Client.SendAsync(request);
    }
}

using System.Net;
using System.Net.Http.Json;
using AudioPortal.Core.Accounts;
using AudioPortal.Core.ApiKeys;
using AudioPortal.Core.Data;
using AudioPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AudioPortal.Web.Tests.ApiKeys;

/// <summary>
/// Accepted keys are cached for a few seconds; a change made in this process must still apply on the very next
/// request, whichever feature makes it. Each test warms the cache first, so a stale entry would be served.
/// </summary>
public sealed class ApiKeyCacheInvalidationTests : IDisposable
{
    private const string Route = "/api/v1/api-keys";
    private readonly AppFactory _app = new();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _factory;

    public ApiKeyCacheInvalidationTests()
    {
        _factory = _app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_clock)));
    }

    private async Task<(string AccountId, string KeyId, string Key, HttpClient Client)> WarmKeyAsync(IReadOnlyList<string>? scopes = null)
    {
        var account = await _factory.CreateAccountAsync();
        var (keyId, key) = await _factory.CreateKeyAsync(account.Id, scopes);
        var client = _factory.CreateClientWithKey(key);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/splits")).StatusCode);
        }

        return (account.Id, keyId, key, client);
    }

    [Fact]
    public async Task A_key_revoked_through_the_api_is_refused_on_the_very_next_request()
    {
        var (_, keyId, _, client) = await WarmKeyAsync();

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"{Route}/{keyId}")).StatusCode);

        await (await client.GetAsync("/api/v1/splits")).AssertErrorAsync(HttpStatusCode.Unauthorized, "KEY_REVOKED");
    }

    [Fact]
    public async Task A_rotated_key_is_refused_on_the_very_next_request_and_the_new_one_works()
    {
        var (_, keyId, _, client) = await WarmKeyAsync();

        var rotated = await client.PostAsync($"{Route}/{keyId}/rotate", null);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var newKey = (await rotated.Content.ReadFromJsonAsync<Rotated>())!.Key;

        var error = await (await client.GetAsync("/api/v1/splits")).AssertErrorAsync(HttpStatusCode.Unauthorized, "KEY_REVOKED");
        Assert.Contains("rotated", error.GetProperty("message").GetString());
        using var renewed = _factory.CreateClientWithKey(newKey);
        Assert.Equal(HttpStatusCode.OK, (await renewed.GetAsync("/api/v1/splits")).StatusCode);
    }

    [Fact]
    public async Task A_scope_taken_from_a_key_is_missing_on_the_very_next_request()
    {
        var (_, keyId, _, client) = await WarmKeyAsync();

        var patched = await client.PatchAsJsonAsync($"{Route}/{keyId}", new { scopes = new[] { Scopes.KeysManage } });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);

        await (await client.GetAsync("/api/v1/splits")).AssertErrorAsync(HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE");
    }

    [Fact]
    public async Task A_key_of_an_account_deleted_by_another_feature_is_refused_on_the_very_next_request()
    {
        var (accountId, _, _, client) = await WarmKeyAsync();

        // Any code path that writes the account row, not only the key service, must reach the cache.
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.Where(a => a.Id == accountId)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.DeletedAt, _clock.GetUtcNow()));
        }

        await (await client.GetAsync("/api/v1/splits")).AssertErrorAsync(HttpStatusCode.Unauthorized, "KEY_REVOKED");
    }

    [Fact]
    public async Task A_key_revoked_by_another_process_is_refused_once_the_cache_seconds_have_passed()
    {
        var (_, keyId, _, client) = await WarmKeyAsync();

        // The operator CLI writes the same database file from its own process: no interceptor of ours sees it.
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(_app.DataPath, "audioportal.db")};Pooling=False"))
        {
            await connection.OpenAsync();
            var command = connection.CreateCommand();
            command.CommandText = "UPDATE ApiKeys SET RevokedAt = 1 WHERE Id = $id";
            command.Parameters.AddWithValue("$id", keyId);
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/splits")).StatusCode);
        _clock.Advance(TimeSpan.FromSeconds(new ApiKeyCacheOptions().CacheSeconds));
        await (await client.GetAsync("/api/v1/splits")).AssertErrorAsync(HttpStatusCode.Unauthorized, "KEY_REVOKED");
    }

    public void Dispose()
    {
        _factory.Dispose();
        _app.Dispose();
    }

    private sealed record Rotated(string Key);
}

using System.Net.Http.Headers;
using System.Net.Http.Json;
using AudioPortal.Core.Accounts;
using AudioPortal.Core.ApiKeys;
using AudioPortal.Web.Auth;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AudioPortal.Web.Tests.Infrastructure;

/// <summary>An account made for a test, with the password it was made with.</summary>
public sealed record TestAccount(string Id, string Email, string Password);

/// <summary>
/// Accounts, keys and tokens for web tests, made through the real <see cref="AccountService"/>,
/// <see cref="ApiKeyService"/> and token endpoint:
/// <code>
/// var (accountId, client) = await factory.CreateAccountWithKeyAsync();                       // all scopes, live key
/// var (_, reader) = await factory.CreateAccountWithKeyAsync(scopes: [Scopes.SplitsRead]);   // one scope
/// var (id, jwtClient) = await factory.CreateAccountWithTokenAsync("plan_pro");              // Bearer JWT
/// </code>
/// </summary>
public static class AppFactoryAuthExtensions
{
    public const string Password = "Correct-Horse-9";

    public static async Task<TestAccount> CreateAccountAsync<T>(this WebApplicationFactory<T> factory, string? plan = null, string? email = null)
        where T : class
    {
        await using var scope = factory.Services.CreateAsyncScope();
        email ??= $"user-{Guid.NewGuid():N}@example.test";
        var created = await scope.ServiceProvider.GetRequiredService<AccountService>().CreateAsync(email, Password, plan);
        Assert.True(created.IsSuccess, created.Error?.ToString());
        return new TestAccount(created.Value.Id, email, Password);
    }

    /// <summary>A new key of an existing account; returns the key's id and the full key.</summary>
    public static async Task<(string KeyId, string Key)> CreateKeyAsync<T>(this WebApplicationFactory<T> factory, string accountId,
        IReadOnlyList<string>? scopes = null, bool test = false, string name = "test key", DateTimeOffset? expiresAt = null)
        where T : class
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentAccount>().Set(accountId, Scopes.All);
        var created = await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync(new CreateApiKey(name, scopes, expiresAt, test));
        Assert.True(created.IsSuccess, created.Error?.ToString());
        return (created.Value.View.Id, created.Value.Key);
    }

    /// <summary>A new account (free plan unless given) and a client that sends its new API key in X-API-Key.</summary>
    public static async Task<(string AccountId, HttpClient Client)> CreateAccountWithKeyAsync<T>(this WebApplicationFactory<T> factory,
        string? plan = null, IReadOnlyList<string>? scopes = null, bool test = false)
        where T : class
    {
        var account = await factory.CreateAccountAsync(plan);
        var (_, key) = await factory.CreateKeyAsync(account.Id, scopes, test);
        return (account.Id, factory.CreateClientWithKey(key));
    }

    /// <summary>A new account and a client that sends a fresh access token (from POST /api/v1/auth/token) as Bearer.</summary>
    public static async Task<(string AccountId, HttpClient Client)> CreateAccountWithTokenAsync<T>(this WebApplicationFactory<T> factory, string? plan = null)
        where T : class
    {
        var account = await factory.CreateAccountAsync(plan);
        var tokens = await factory.GetTokensAsync(account);
        return (account.Id, factory.CreateClientWithToken(tokens.AccessToken));
    }

    public static async Task<TokenPair> GetTokensAsync<T>(this WebApplicationFactory<T> factory, TestAccount account)
        where T : class
    {
        using var client = factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = account.Email, password = account.Password });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<TokenPair>())!;
    }

    public static HttpClient CreateClientWithKey<T>(this WebApplicationFactory<T> factory, string key)
        where T : class
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add(AuthSchemes.ApiKeyHeader, key);
        return client;
    }

    public static HttpClient CreateClientWithToken<T>(this WebApplicationFactory<T> factory, string accessToken)
        where T : class
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }
}

/// <summary>The token endpoint's answer.</summary>
public sealed record TokenPair(string AccessToken, string TokenType, int ExpiresIn, string RefreshToken);

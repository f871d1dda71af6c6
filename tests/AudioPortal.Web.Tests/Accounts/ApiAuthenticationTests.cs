using System.Net;
using System.Net.Http.Json;
using AudioPortal.Core.Accounts;
using AudioPortal.Core.ApiKeys;
using AudioPortal.Web.Tests.Infrastructure;

namespace AudioPortal.Web.Tests.Accounts;

/// <summary>Every authentication error of the contract's table, on a route that needs credentials.</summary>
public sealed class ApiAuthenticationTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private const string Route = "/api/v1/api-keys";

    [Fact]
    public async Task No_credentials_are_unauthorized()
    {
        using var client = factory.CreateClient();

        await (await client.GetAsync(Route)).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task An_unknown_key_is_unauthorized()
    {
        using var client = factory.CreateClientWithKey(KeyHasher.Generate(false).Key);

        await (await client.GetAsync(Route)).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task A_malformed_key_is_unauthorized()
    {
        using var client = factory.CreateClientWithKey("not-a-key");

        await (await client.GetAsync(Route)).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task A_valid_key_is_accepted()
    {
        var (_, client) = await factory.CreateAccountWithKeyAsync();

        var response = await client.GetAsync(Route);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_revoked_key_is_key_revoked_on_every_kind_of_route()
    {
        var (_, client) = await factory.CreateAccountWithKeyAsync();
        var keyId = (await client.GetFromJsonAsync<KeyList>(Route))!.Data[0].Id;
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"{Route}/{keyId}")).StatusCode);

        await (await client.GetAsync(Route)).AssertErrorAsync(HttpStatusCode.Unauthorized, "KEY_REVOKED");
        await (await client.GetAsync("/api/v1/splits")).AssertErrorAsync(HttpStatusCode.Unauthorized, "KEY_REVOKED");
    }

    [Fact]
    public async Task An_expired_key_is_key_revoked_saying_it_expired()
    {
        var account = await factory.CreateAccountAsync();
        var (_, key) = await factory.CreateKeyAsync(account.Id, expiresAt: DateTimeOffset.UtcNow.AddSeconds(1));
        using var client = factory.CreateClientWithKey(key);
        await Task.Delay(1100);

        var error = await (await client.GetAsync(Route)).AssertErrorAsync(HttpStatusCode.Unauthorized, "KEY_REVOKED");
        Assert.Contains("expired", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_key_without_the_scope_is_insufficient_scope_naming_the_scope()
    {
        var (_, client) = await factory.CreateAccountWithKeyAsync(scopes: [Scopes.SplitsRead]);

        var error = await (await client.GetAsync(Route)).AssertErrorAsync(HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE");

        Assert.Equal(Scopes.KeysManage, error.GetProperty("details").GetProperty("requiredScope").GetString());
    }

    [Fact]
    public async Task A_garbage_bearer_token_is_unauthorized()
    {
        using var client = factory.CreateClientWithToken("not.a.jwt");

        await (await client.GetAsync(Route)).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task The_token_endpoint_ignores_a_refused_key_it_does_not_need()
    {
        var account = await factory.CreateAccountAsync();
        using var client = factory.CreateClientWithKey(KeyHasher.Generate(false).Key);

        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = account.Email, password = account.Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private sealed record KeyList(List<KeyItem> Data);

    private sealed record KeyItem(string Id);
}

using System.Net;
using System.Net.Http.Json;
using AudioPortal.Web.Tests.Infrastructure;

namespace AudioPortal.Web.Tests.Admin;

/// <summary>
/// An account an admin disables cannot sign in (portal or token endpoint), and its API keys, access and refresh tokens
/// stop working at once; enabling it restores sign-in and its keys.
/// </summary>
public sealed class AccountDisableTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_disabled_account_cannot_sign_in_and_its_key_and_tokens_are_refused_until_it_is_enabled()
    {
        var customer = await factory.CreateAccountAsync();
        var (_, key) = await factory.CreateKeyAsync(customer.Id);
        using var keyClient = factory.CreateClientWithKey(key);
        var tokens = await factory.GetTokensAsync(customer);
        using var tokenClient = factory.CreateClientWithToken(tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await keyClient.GetAsync("/api/v1/splits")).StatusCode);
        using var admin = await factory.TokenClientAsync(await factory.CreateAdminAsync());

        var disabled = await admin.PostAsync($"/api/v1/admin/accounts/{customer.Id}/disable", null);

        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        var error = await (await keyClient.GetAsync("/api/v1/splits")).AssertErrorAsync(HttpStatusCode.Unauthorized, "KEY_REVOKED");
        Assert.Contains("disabled", error.GetProperty("message").GetString());
        await (await tokenClient.GetAsync("/api/v1/splits")).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await (await RefreshAsync(tokens.RefreshToken)).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await (await TokenAsync(customer)).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        var (_, login) = await factory.PostLoginAsync(customer);
        Assert.Equal("/Account/Lockout", RedirectPath(login));

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/admin/accounts/{customer.Id}/enable", null)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await keyClient.GetAsync("/api/v1/splits")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(customer)).StatusCode);
        var (_, again) = await factory.PostLoginAsync(customer);
        Assert.Equal("/dashboard", RedirectPath(again));
    }

    [Fact]
    public async Task Disabling_an_unknown_account_is_not_found()
    {
        using var admin = await factory.TokenClientAsync(await factory.CreateAdminAsync());

        await (await admin.PostAsync("/api/v1/admin/accounts/usr_nobody/disable", null)).AssertErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    private static string? RedirectPath(HttpResponseMessage response) =>
        response.Headers.Location is { } to ? (to.IsAbsoluteUri ? to.AbsolutePath : to.OriginalString) : null;

    private async Task<HttpResponseMessage> TokenAsync(TestAccount account)
    {
        using var client = factory.CreateClient();
        return await client.PostAsJsonAsync("/api/v1/auth/token", new { email = account.Email, password = account.Password });
    }

    private async Task<HttpResponseMessage> RefreshAsync(string refreshToken)
    {
        using var client = factory.CreateClient();
        return await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken });
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AudioPortal.Web.Auth;
using AudioPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AudioPortal.Web.Tests.Accounts;

/// <summary>Access and refresh tokens over HTTP, on a fake clock.</summary>
public sealed class JwtTests : IDisposable
{
    private const string Route = "/api/v1/api-keys";
    private readonly AppFactory _app = new();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _factory;

    public JwtTests()
    {
        _factory = _app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_clock)));
    }

    [Fact]
    public async Task The_token_endpoint_issues_a_one_hour_bearer_token_that_works()
    {
        var account = await _factory.CreateAccountAsync();

        var tokens = await _factory.GetTokensAsync(account);

        Assert.Equal("Bearer", tokens.TokenType);
        Assert.Equal(3600, tokens.ExpiresIn);
        Assert.StartsWith("rt_", tokens.RefreshToken);
        using var client = _factory.CreateClientWithToken(tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Route)).StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_gets_no_token()
    {
        var account = await _factory.CreateAccountAsync();
        using var client = _factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = account.Email, password = "wrong-password" });

        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task A_token_past_its_expiry_is_token_expired()
    {
        var account = await _factory.CreateAccountAsync();
        var tokens = await _factory.GetTokensAsync(account);
        using var client = _factory.CreateClientWithToken(tokens.AccessToken);

        _clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Route)).StatusCode);

        _clock.Advance(TimeSpan.FromMinutes(1));
        await (await client.GetAsync(Route)).AssertErrorAsync(HttpStatusCode.Unauthorized, "TOKEN_EXPIRED");
    }

    [Fact]
    public async Task An_unsigned_alg_none_token_is_unauthorized()
    {
        var account = await _factory.CreateAccountAsync();
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        var payload = Base64UrlEncoder.Encode(JsonSerializer.Serialize(Claims(account.Id, "audioportal", "audioportal-api")));
        using var client = _factory.CreateClientWithToken($"{header}.{payload}.");

        await (await client.GetAsync(Route)).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_unauthorized_even_when_expired()
    {
        var account = await _factory.CreateAccountAsync();
        using var rsa = RSA.Create(2048);
        var forged = Sign(new SigningCredentials(new RsaSecurityKey(rsa), SecurityAlgorithms.RsaSha256), account.Id, "audioportal", "audioportal-api");
        var forgedExpired = Sign(new SigningCredentials(new RsaSecurityKey(rsa), SecurityAlgorithms.RsaSha256), account.Id, "audioportal", "audioportal-api", expired: true);

        using var client = _factory.CreateClientWithToken(forged);
        await (await client.GetAsync(Route)).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        using var expiredClient = _factory.CreateClientWithToken(forgedExpired);
        await (await expiredClient.GetAsync(Route)).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task An_hmac_token_keyed_with_the_public_key_is_unauthorized()
    {
        var account = await _factory.CreateAccountAsync();
        var publicKey = _factory.Services.GetRequiredService<JwtSigningKey>().SecurityKey.Rsa.ExportSubjectPublicKeyInfoPem();
        var hmac = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(publicKey)), SecurityAlgorithms.HmacSha256);
        using var client = _factory.CreateClientWithToken(Sign(hmac, account.Id, "audioportal", "audioportal-api"));

        await (await client.GetAsync(Route)).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Theory]
    [InlineData("someone-else", "audioportal-api")]
    [InlineData("audioportal", "someone-elses-api")]
    public async Task Our_key_with_a_wrong_issuer_or_audience_is_unauthorized(string issuer, string audience)
    {
        var account = await _factory.CreateAccountAsync();
        var ours = _factory.Services.GetRequiredService<JwtSigningKey>().Credentials;
        using var client = _factory.CreateClientWithToken(Sign(ours, account.Id, issuer, audience));

        await (await client.GetAsync(Route)).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task The_jwks_publishes_the_key_that_verifies_issued_tokens_and_the_key_is_kept_in_the_data_folder()
    {
        var account = await _factory.CreateAccountAsync();
        var tokens = await _factory.GetTokensAsync(account);
        using var client = _factory.CreateClient();

        var jwks = new JsonWebKeySet(await client.GetStringAsync("/.well-known/jwks.json"));

        var key = Assert.Single(jwks.Keys);
        Assert.Equal("RSA", key.Kty);
        Assert.Equal(new JsonWebToken(tokens.AccessToken).Kid, key.Kid);
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(tokens.AccessToken, new TokenValidationParameters
        {
            IssuerSigningKey = key, ValidIssuer = "audioportal", ValidAudience = "audioportal-api", LifetimeValidator = (_, _, _, _) => true,
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.False(key.HasPrivateKey);
        Assert.True(File.Exists(Path.Combine(_app.DataPath, "keys", JwtSigningKey.FileName)));
    }

    [Fact]
    public async Task A_refresh_token_rotates_and_reusing_the_old_one_ends_the_family()
    {
        var account = await _factory.CreateAccountAsync();
        var first = await _factory.GetTokensAsync(account);
        using var client = _factory.CreateClient();

        var refreshed = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = first.RefreshToken });
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var second = (await refreshed.Content.ReadFromJsonAsync<TokenPair>())!;
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        using var bearer = _factory.CreateClientWithToken(second.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync(Route)).StatusCode);

        await (await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = first.RefreshToken })).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await (await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = second.RefreshToken })).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task A_refresh_after_the_access_token_expired_gives_a_working_token()
    {
        var account = await _factory.CreateAccountAsync();
        var first = await _factory.GetTokensAsync(account);
        _clock.Advance(TimeSpan.FromHours(2));
        using var client = _factory.CreateClient();

        var refreshed = (await (await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = first.RefreshToken })).Content.ReadFromJsonAsync<TokenPair>())!;

        using var bearer = _factory.CreateClientWithToken(refreshed.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync(Route)).StatusCode);
    }

    [Fact]
    public async Task A_token_signed_with_our_key_whose_not_before_is_in_the_future_is_unauthorized()
    {
        var account = await _factory.CreateAccountAsync();
        var claims = Claims(account.Id, "audioportal", "audioportal-api");
        claims["nbf"] = _clock.GetUtcNow().AddMinutes(30).ToUnixTimeSeconds();
        var token = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            SigningCredentials = _factory.Services.GetRequiredService<JwtSigningKey>().Credentials,
        });
        using var client = _factory.CreateClientWithToken(token);

        await (await client.GetAsync(Route)).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");

        _clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Route)).StatusCode);
    }

    private Dictionary<string, object> Claims(string accountId, string issuer, string audience, bool expired = false)
    {
        var now = _clock.GetUtcNow();
        return new Dictionary<string, object>
        {
            ["sub"] = accountId,
            ["iss"] = issuer,
            ["aud"] = audience,
            ["iat"] = now.AddHours(expired ? -3 : 0).ToUnixTimeSeconds(),
            ["exp"] = now.AddHours(expired ? -2 : 1).ToUnixTimeSeconds(),
        };
    }

    private string Sign(SigningCredentials credentials, string accountId, string issuer, string audience, bool expired = false) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = Claims(accountId, issuer, audience, expired),
            SigningCredentials = credentials,
        });

    public void Dispose()
    {
        _factory.Dispose();
        _app.Dispose();
    }
}

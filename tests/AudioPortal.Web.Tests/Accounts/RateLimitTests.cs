using System.Net;
using AudioPortal.Core.ApiKeys;
using AudioPortal.Web.Tests.Infrastructure;

namespace AudioPortal.Web.Tests.Accounts;

/// <summary>Per-key limits from the plan, headers on every API response, 429 with Retry-After, per-IP limits on refused credentials.</summary>
public sealed class RateLimitTests : IDisposable
{
    private const string Route = "/api/v1/api-keys";
    private readonly AppFactory _factory = new();

    public RateLimitTests()
    {
        _factory.Settings["RateLimiting:Enabled"] = "true";
        _factory.Settings["RateLimiting:WindowSeconds"] = "60";
        _factory.Settings["RateLimiting:FailedAuthPerWindow"] = "3";
    }

    [Fact]
    public async Task Every_response_counts_down_the_plans_limit_and_the_request_past_it_is_429()
    {
        var (_, client) = await _factory.CreateAccountWithKeyAsync();
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        for (var i = 1; i <= 10; i++)
        {
            var response = await client.GetAsync(Route);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("10", response.Headers.GetValues("X-RateLimit-Limit").Single());
            Assert.Equal((10 - i).ToString(), response.Headers.GetValues("X-RateLimit-Remaining").Single());
            var reset = long.Parse(response.Headers.GetValues("X-RateLimit-Reset").Single());
            Assert.InRange(reset, before, before + 62);
        }

        var limited = await client.GetAsync(Route);
        var error = await limited.AssertErrorAsync(HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        var retryAfter = int.Parse(limited.Headers.GetValues("Retry-After").Single());
        Assert.InRange(retryAfter, 1, 60);
        Assert.Equal(retryAfter, error.GetProperty("retryAfter").GetInt32());
        Assert.Equal("0", limited.Headers.GetValues("X-RateLimit-Remaining").Single());
    }

    [Theory]
    [InlineData("GET", "/api/v1/splits")] // 401: no credentials
    [InlineData("GET", "/api/v1/no-such-route")] // 404
    [InlineData("PUT", "/api/v1/splits")] // 405
    [InlineData("GET", "/api/v1/splits/job_x/segments/0")] // a signed download without its signature
    [InlineData("POST", "/api/v1/auth/token")] // 400: no body
    [InlineData("PATCH", "/api/v1/api-keys/key_x")] // 413: a JSON body over the limit, refused before routing
    public async Task Api_responses_carry_the_rate_limit_headers_whatever_their_status(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PATCH")
        {
            var body = method == "PATCH" ? new string(' ', 2 * 1024 * 1024) : "";
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        var response = await _factory.CreateClient().SendAsync(request);

        Assert.True(response.Headers.Contains("X-RateLimit-Limit"), $"{method} {path} answered {(int)response.StatusCode} without X-RateLimit-Limit");
        Assert.True(response.Headers.Contains("X-RateLimit-Remaining"));
        Assert.True(response.Headers.Contains("X-RateLimit-Reset"));
    }

    [Fact]
    public async Task Each_key_has_its_own_budget()
    {
        var (_, first) = await _factory.CreateAccountWithKeyAsync();
        var (_, second) = await _factory.CreateAccountWithKeyAsync();
        for (var i = 0; i < 10; i++)
        {
            await first.GetAsync(Route);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await first.GetAsync(Route)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync(Route)).StatusCode);
    }

    [Fact]
    public async Task A_bigger_plan_has_a_bigger_limit()
    {
        var (_, client) = await _factory.CreateAccountWithKeyAsync(plan: "plan_pro");

        var response = await client.GetAsync(Route);

        Assert.Equal("300", response.Headers.GetValues("X-RateLimit-Limit").Single());
    }

    [Fact]
    public async Task Refused_credentials_are_limited_per_address_so_keys_cannot_be_guessed_quickly()
    {
        for (var i = 0; i < 3; i++)
        {
            using var guess = _factory.CreateClientWithKey(KeyHasher.Generate(false).Key);
            await (await guess.GetAsync(Route)).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        }

        using var next = _factory.CreateClientWithKey(KeyHasher.Generate(false).Key);
        var limited = await next.GetAsync(Route);

        await limited.AssertErrorAsync(HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        Assert.True(limited.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task Anonymous_api_responses_carry_the_headers_too_but_portal_pages_do_not()
    {
        using var client = _factory.CreateClient();

        var api = await client.GetAsync("/api/v1/splits");
        var page = await client.GetAsync("/");

        Assert.True(api.Headers.Contains("X-RateLimit-Limit"));
        Assert.False(page.Headers.Contains("X-RateLimit-Limit"));
    }

    [Fact]
    public async Task The_window_resets()
    {
        using var factory = new AppFactory();
        factory.Settings["RateLimiting:Enabled"] = "true";
        factory.Settings["RateLimiting:WindowSeconds"] = "2";
        factory.Settings["Plans:0:RequestsPerMinute"] = "2";
        var (_, client) = await factory.CreateAccountWithKeyAsync();
        await client.GetAsync(Route);
        await client.GetAsync(Route);
        var limited = await client.GetAsync(Route);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);

        await Task.Delay(TimeSpan.FromSeconds(int.Parse(limited.Headers.GetValues("Retry-After").Single()) + 0.3));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Route)).StatusCode);
    }

    public void Dispose() => _factory.Dispose();
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AudioPortal.Core.Accounts;
using AudioPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AudioPortal.Web.Tests.Admin;

/// <summary>
/// <c>/api/v1/admin/*</c> answers an admin's JWT and nobody else: every other caller — none, an API key (an admin's too),
/// a customer's JWT, a sign-in cookie (an admin's too), a refused key — gets the 404 of a route that does not exist.
/// </summary>
public sealed class AdminApiTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private const string Target = "usr_target";

    /// <summary>Every admin operation; <see cref="Target"/> is replaced by a real account's id.</summary>
    public static TheoryData<string, string> Routes() => new()
    {
        { "GET", "/api/v1/admin/queue" },
        { "GET", "/api/v1/admin/accounts" },
        { "POST", $"/api/v1/admin/accounts/{Target}/disable" },
        { "POST", $"/api/v1/admin/accounts/{Target}/enable" },
        { "GET", "/api/v1/admin/webhooks/disabled" },
        { "GET", "/api/v1/admin/errors" },
    };

    private static readonly string[] NonAdmins =
        ["none", "customer key", "admin's key", "customer jwt", "customer cookie", "admin's cookie", "unknown key", "bad jwt"];

    [Fact]
    public void The_routes_under_test_are_every_route_the_app_maps_under_api_v1_admin()
    {
        var mapped = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("api/v1/admin", StringComparison.Ordinal) == true)
            .SelectMany(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods
                .Select(m => $"{m} /{e.RoutePattern.RawText!.Replace("{id}", Target, StringComparison.Ordinal)}"))
            .Order().ToList();

        Assert.Equal(Routes().Select(r => $"{r[0]} {r[1]}").Order(), mapped);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Every_caller_but_an_admins_jwt_gets_404_on_each_route(string method, string route)
    {
        var target = await factory.CreateAccountAsync();
        var path = route.Replace(Target, target.Id, StringComparison.Ordinal);
        foreach (var caller in NonAdmins)
        {
            using var client = await ClientAsync(caller);
            var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

            var error = await response.AssertErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");
            Assert.Equal($"No resource at {path}.", error.GetProperty("message").GetString()); // as an unknown route answers
        }

        // Nothing happened to the account a refused caller named.
        using var admin = await factory.TokenClientAsync(await factory.CreateAdminAsync());
        var accounts = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/accounts?email={Uri.EscapeDataString(target.Email)}");
        Assert.False(accounts.GetProperty("data")[0].GetProperty("disabled").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task An_admins_jwt_gets_200_on_each_route(string method, string route)
    {
        var target = await factory.CreateAccountAsync();
        using var admin = await factory.TokenClientAsync(await factory.CreateAdminAsync());

        var response = await admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), route.Replace(Target, target.Id, StringComparison.Ordinal)));

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Taking_the_role_away_closes_the_console_to_a_token_issued_while_it_was_held()
    {
        var account = await factory.CreateAdminAsync();
        using var client = await factory.TokenClientAsync(account);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/admin/queue")).StatusCode);

        await factory.SetRoleAsync(account, AccountRoles.User);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/admin/queue")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/splits")).StatusCode); // still a customer's token
    }

    [Fact]
    public async Task The_accounts_list_shows_plan_usage_storage_and_role_and_finds_by_email()
    {
        var customer = await factory.CreateAccountAsync("plan_pro");
        using var admin = await factory.TokenClientAsync(await factory.CreateAdminAsync());

        var page = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/accounts?email={Uri.EscapeDataString(customer.Email)}&limit=5");

        var row = Assert.Single(page.GetProperty("data").EnumerateArray());
        Assert.Equal(customer.Id, row.GetProperty("id").GetString());
        Assert.Equal("plan_pro", row.GetProperty("planId").GetString());
        Assert.Equal("user", row.GetProperty("role").GetString());
        Assert.Equal(0, row.GetProperty("minutesUsed").GetInt32());
        Assert.True(row.GetProperty("monthlyMinutes").GetInt32() > 0);
        Assert.Equal(0, row.GetProperty("storageBytes").GetInt64());
        Assert.Equal(1, page.GetProperty("pagination").GetProperty("total").GetInt32());
        await (await admin.GetAsync("/api/v1/admin/accounts?limit=1000")).AssertErrorAsync(HttpStatusCode.UnprocessableEntity, "INVALID_PARAMS");
    }

    [Fact]
    public async Task A_failed_api_request_is_found_by_its_request_id_with_its_code_route_and_account()
    {
        var (accountId, customer) = await factory.CreateAccountWithKeyAsync();
        var failed = await customer.GetAsync("/api/v1/splits/job_missing");
        var requestId = failed.Headers.GetValues("X-Request-Id").Single();
        using var admin = await factory.TokenClientAsync(await factory.CreateAdminAsync());

        var errors = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/errors?requestId={requestId}");

        var error = Assert.Single(errors.GetProperty("data").EnumerateArray());
        Assert.Equal(requestId, error.GetProperty("requestId").GetString());
        Assert.Equal("JOB_NOT_FOUND", error.GetProperty("code").GetString());
        Assert.Equal(404, error.GetProperty("status").GetInt32());
        Assert.Equal("GET", error.GetProperty("method").GetString());
        Assert.Equal("/api/v1/splits/job_missing", error.GetProperty("path").GetString());
        Assert.Equal(accountId, error.GetProperty("accountId").GetString());
    }

    [Theory]
    [InlineData("GET", "/api/v1/admin/accounts?page=2147483647&limit=100")]
    [InlineData("GET", "/api/v1/admin/accounts?page=-1&limit=0")]
    [InlineData("GET", "/api/v1/admin/accounts?page=abc&limit=99999999999")]
    [InlineData("GET", "/api/v1/admin/accounts?email=%00%FF")]
    [InlineData("GET", "/api/v1/admin/errors?requestId=%00")]
    [InlineData("POST", "/api/v1/admin/accounts/%C3%A9%E2%80%AE/disable")]
    [InlineData("POST", "/api/v1/admin/accounts/..%2F..%2Fetc/enable")]
    public async Task Bad_paging_query_strings_and_ids_are_client_errors_never_500(string method, string path)
    {
        using var admin = await factory.TokenClientAsync(await factory.CreateAdminAsync());

        var response = await admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.True((int)response.StatusCode < 500, $"{method} {path} → {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private async Task<HttpClient> ClientAsync(string caller)
    {
        switch (caller)
        {
            case "none":
                return factory.CreateClient();
            case "customer key":
                return (await factory.CreateAccountWithKeyAsync()).Client;
            case "admin's key":
                var admin = await factory.CreateAdminAsync();
                return factory.CreateClientWithKey((await factory.CreateKeyAsync(admin.Id)).Key);
            case "customer jwt":
                return (await factory.CreateAccountWithTokenAsync()).Client;
            case "customer cookie":
                return (await factory.SignInAsync(await factory.CreateAccountAsync())).Client;
            case "admin's cookie":
                return (await factory.SignInAsync(await factory.CreateAdminAsync())).Client;
            case "unknown key":
                return factory.CreateClientWithKey("as_live_" + new string('x', 40));
            case "bad jwt":
                return factory.CreateClientWithToken("not.a.jwt");
            default:
                throw new ArgumentOutOfRangeException(nameof(caller));
        }
    }
}

using System.Net;
using System.Text;
using AudioPortal.Core.Accounts;
using AudioPortal.Web.Tests.Infrastructure;

namespace AudioPortal.Web.Tests.Accounts;

/// <summary>
/// Each route × each kind of credentials. Adding a route is one line in <see cref="Routes"/>:
/// its method, path, optional JSON body, and what it needs (a scope, or "jwt" for JWT-only routes).
/// </summary>
public sealed class ScopeMatrixTests(ScopeMatrixTests.Credentials credentials) : IClassFixture<ScopeMatrixTests.Credentials>
{
    private const string Jwt = "jwt";
    private const string Split = """{"sourceUrl":"http://127.0.0.1:9/a.mp3","splitMode":"duration","segmentDuration":10}""";

    public static TheoryData<string, string, string?, string> Routes => new()
    {
        { "GET", "/api/v1/api-keys", null, Scopes.KeysManage },
        { "POST", "/api/v1/api-keys", """{"name":"x"}""", Scopes.KeysManage },
        { "GET", "/api/v1/api-keys/key_missing", null, Scopes.KeysManage },
        { "PATCH", "/api/v1/api-keys/key_missing", """{"name":"x"}""", Scopes.KeysManage },
        { "DELETE", "/api/v1/api-keys/key_missing", null, Scopes.KeysManage },
        { "POST", "/api/v1/api-keys/key_missing/rotate", null, Scopes.KeysManage },
        { "GET", "/api/v1/splits", null, Scopes.SplitsRead },
        { "GET", "/api/v1/splits/job_missing", null, Scopes.SplitsRead },
        { "POST", "/api/v1/splits", Split, Scopes.SplitsWrite },
        { "PATCH", "/api/v1/splits/job_missing", """{"segmentDuration":5}""", Scopes.SplitsWrite },
        { "DELETE", "/api/v1/splits/job_missing", null, Scopes.SplitsWrite },
        { "GET", "/api/v1/billing", null, Jwt },
        { "GET", "/api/v1/billing/usage", null, Jwt },
        { "GET", "/api/v1/webhooks", null, Jwt },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Without_credentials_every_route_is_unauthorized(string method, string path, string? body, string needs)
    {
        _ = needs;
        using var client = credentials.CreateClient();

        await (await client.SendAsync(Request(method, path, body))).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task A_jwt_passes_every_route(string method, string path, string? body, string needs)
    {
        _ = needs;
        var client = (await credentials.ClientsAsync())[Jwt];

        var response = await client.SendAsync(Request(method, path, body));

        Assert.True(response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden), await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task A_key_passes_only_with_the_scope_the_route_needs(string method, string path, string? body, string needs)
    {
        foreach (var scope in Scopes.Ordered)
        {
            var client = (await credentials.ClientsAsync())[scope];

            var response = await client.SendAsync(Request(method, path, body));

            if (scope == needs)
            {
                Assert.True(response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden), $"{scope}: {await response.Content.ReadAsStringAsync()}");
                continue;
            }

            var error = await response.AssertErrorAsync(HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE");
            if (needs != Jwt)
            {
                Assert.Equal(needs, error.GetProperty("details").GetProperty("requiredScope").GetString());
            }
        }
    }

    private static HttpRequestMessage Request(string method, string path, string? body) => new(new HttpMethod(method), path)
    {
        Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json"),
    };

    /// <summary>The app and one client per kind of credentials (a key per scope, a JWT), made once for the whole matrix.</summary>
    public sealed class Credentials : AppFactory
    {
        private readonly Lazy<Task<Dictionary<string, HttpClient>>> _clients;

        public Credentials() => _clients = new(CreateClientsAsync);

        public Task<Dictionary<string, HttpClient>> ClientsAsync() => _clients.Value;

        private async Task<Dictionary<string, HttpClient>> CreateClientsAsync()
        {
            var clients = new Dictionary<string, HttpClient> { [Jwt] = (await this.CreateAccountWithTokenAsync()).Client };
            foreach (var scope in Scopes.Ordered)
            {
                clients[scope] = (await this.CreateAccountWithKeyAsync(scopes: [scope])).Client;
            }

            return clients;
        }
    }
}

using System.Text.Json;
using AudioPortal.Web.Tests.Infrastructure;

namespace AudioPortal.Web.Tests.Auth;

/// <summary>The OpenAPI document tells clients how each operation authenticates, matching what the pipeline enforces.</summary>
public sealed class OpenApiSecurityTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private async Task<JsonElement> DocumentAsync()
    {
        var json = await factory.CreateClient().GetStringAsync("/openapi/v1.json");
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    private static List<(string Scheme, string[] Scopes)> Security(JsonElement document, string path, string method)
    {
        var operation = document.GetProperty("paths").GetProperty(path).GetProperty(method);
        if (!operation.TryGetProperty("security", out var security))
        {
            return [];
        }

        return security.EnumerateArray()
            .SelectMany(requirement => requirement.EnumerateObject())
            .Select(p => (p.Name, p.Value.EnumerateArray().Select(s => s.GetString()!).ToArray()))
            .ToList();
    }

    [Fact]
    public async Task The_document_declares_the_api_key_header_and_the_bearer_jwt()
    {
        var schemes = (await DocumentAsync()).GetProperty("components").GetProperty("securitySchemes");

        var apiKey = schemes.GetProperty("apiKey");
        Assert.Equal("apiKey", apiKey.GetProperty("type").GetString());
        Assert.Equal("header", apiKey.GetProperty("in").GetString());
        Assert.Equal("X-API-Key", apiKey.GetProperty("name").GetString());
        var bearer = schemes.GetProperty("bearer");
        Assert.Equal("http", bearer.GetProperty("type").GetString());
        Assert.Equal("bearer", bearer.GetProperty("scheme").GetString());
        Assert.Equal("JWT", bearer.GetProperty("bearerFormat").GetString());
    }

    [Fact]
    public async Task Creating_a_split_takes_a_jwt_or_a_key_with_the_splits_write_scope()
    {
        var document = await DocumentAsync();
        var security = Security(document, "/api/v1/splits", "post");

        Assert.Equal(2, security.Count);
        Assert.Contains(security, s => s.Scheme == "bearer" && s.Scopes.Length == 0);
        // OpenAPI allows scopes on OAuth requirements only: the key's scope is named in the description instead.
        Assert.Contains(security, s => s.Scheme == "apiKey" && s.Scopes.Length == 0);
        var description = document.GetProperty("paths").GetProperty("/api/v1/splits").GetProperty("post").GetProperty("description").GetString();
        Assert.Contains("splits:write", description);
    }

    [Fact]
    public async Task Account_routes_take_only_a_jwt()
    {
        var security = Security(await DocumentAsync(), "/api/v1/webhooks", "get");

        var only = Assert.Single(security);
        Assert.Equal("bearer", only.Scheme);
        Assert.Empty(only.Scopes);
    }

    [Fact]
    public async Task Getting_a_token_needs_no_credentials()
    {
        Assert.Empty(Security(await DocumentAsync(), "/api/v1/auth/token", "post"));
    }
}

using System.Text.Json;
using AudioPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AudioPortal.Web.Tests.Operations;

/// <summary>The served OpenAPI document is one a linter and a client generator can trust, and it covers every API route.</summary>
public sealed class OpenApiDocumentTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private const string ErrorSchema = "#/components/schemas/ErrorEnvelope";

    private async Task<string> DocumentJsonAsync() => await factory.CreateClient().GetStringAsync("/openapi/v1.json");

    [ApiToolFact("spectral")]
    public async Task Spectral_finds_no_errors_and_no_warnings_with_the_oas_ruleset()
    {
        var file = Path.Combine(Path.GetTempPath(), $"audioportal-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, await DocumentJsonAsync());
        try
        {
            var (exitCode, output) = await ApiTools.RunAsync(
                ApiTools.Find("spectral") ?? throw new InvalidOperationException(ApiTools.SkipReason("spectral")),
                ["lint", file, "--ruleset", Path.Combine(ApiTools.Folder, "spectral.yaml"), "--fail-severity", "warn", "--display-only-failures"],
                ApiTools.Folder, TimeSpan.FromSeconds(90));

            Assert.True(exitCode == 0, $"Spectral found problems:\n{output}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Every_api_route_the_app_maps_is_documented_with_an_error_response_that_uses_the_envelope()
    {
        var paths = JsonDocument.Parse(await DocumentJsonAsync()).RootElement.GetProperty("paths");
        var routes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Path: DocumentPath(e.RoutePattern.RawText!), Method: m.ToLowerInvariant())))
            .Distinct()
            .ToList();

        Assert.NotEmpty(routes);
        var problems = new List<string>();
        foreach (var (path, method) in routes)
        {
            if (!paths.TryGetProperty(path, out var item) || !item.TryGetProperty(method, out var operation))
            {
                problems.Add($"{method.ToUpperInvariant()} {path} is not in the document");
                continue;
            }

            var errorResponses = operation.GetProperty("responses").EnumerateObject()
                .Where(r => !r.Name.StartsWith('2') && r.Value.GetRawText().Contains(ErrorSchema, StringComparison.Ordinal));
            if (!errorResponses.Any())
            {
                problems.Add($"{method.ToUpperInvariant()} {path} lists no error response with the envelope");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task The_error_envelope_lists_every_catalog_code_and_integers_are_plain_integers()
    {
        var json = await DocumentJsonAsync();
        var schemas = JsonDocument.Parse(json).RootElement.GetProperty("components").GetProperty("schemas");

        var codes = schemas.GetProperty("ErrorBody").GetProperty("properties").GetProperty("code").GetProperty("enum").EnumerateArray().Select(c => c.GetString()!).ToHashSet();
        Assert.Equal(Core.Errors.ErrorCatalog.All.Select(e => e.Code).ToHashSet(), codes);
        Assert.DoesNotContain("\"pattern\"", json);
        Assert.DoesNotContain("\"string\", \"integer\"", json.Replace("\"integer\",\"string\"", "\"string\", \"integer\""));
    }

    [Fact]
    public async Task Create_takes_json_or_a_multipart_upload_with_the_file_as_binary_and_answers_201_with_the_job()
    {
        var root = JsonDocument.Parse(await DocumentJsonAsync()).RootElement;
        var create = root.GetProperty("paths").GetProperty("/api/v1/splits").GetProperty("post");

        Assert.Equal("splits_create", create.GetProperty("operationId").GetString());
        var content = create.GetProperty("requestBody").GetProperty("content");
        Assert.True(content.TryGetProperty("application/json", out _));
        Assert.True(content.TryGetProperty("multipart/form-data", out _));
        var file = root.GetProperty("components").GetProperty("schemas").GetProperty("CreateSplitForm").GetProperty("properties").GetProperty("file");
        Assert.Equal("binary", file.GetProperty("format").GetString());
        Assert.Contains("SplitJobDto", create.GetProperty("responses").GetProperty("201").GetRawText());
    }

    [Fact]
    public async Task Optional_request_fields_are_not_required_and_the_server_url_has_no_trailing_slash()
    {
        var root = JsonDocument.Parse(await DocumentJsonAsync()).RootElement;
        var schemas = root.GetProperty("components").GetProperty("schemas");

        Assert.False(schemas.GetProperty("ExportRequest").TryGetProperty("required", out _));
        Assert.False(schemas.GetProperty("CancelRequest").TryGetProperty("required", out _));
        Assert.True(schemas.TryGetProperty("ApiKeyRequest", out _));
        Assert.False(schemas.TryGetProperty("JsonElement", out _));
        Assert.All(root.GetProperty("servers").EnumerateArray(), s => Assert.False(s.GetProperty("url").GetString()!.EndsWith('/')));
    }

    /// <summary><c>api/v1/splits/{id}/segments/{index:int}</c> → <c>/api/v1/splits/{id}/segments/{index}</c>.</summary>
    private static string DocumentPath(string pattern) =>
        "/" + System.Text.RegularExpressions.Regex.Replace(pattern.TrimStart('/'), @"\{(\w+)(:[^}]*)?\}", "{$1}");
}

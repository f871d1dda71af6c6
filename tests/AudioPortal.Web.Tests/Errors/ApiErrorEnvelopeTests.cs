using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AudioPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace AudioPortal.Web.Tests.Errors;

public sealed class ApiErrorEnvelopeTests : IClassFixture<ApiErrorEnvelopeTests.Factory>
{
    private readonly HttpClient _client;

    public ApiErrorEnvelopeTests(Factory factory) => _client = factory.CreateClient();

    public sealed class Factory : AppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s => s.AddControllers().AddApplicationPart(typeof(ProbeController).Assembly));
        }
    }

    [Fact]
    public async Task An_unknown_api_route_is_a_404_NOT_FOUND_envelope()
    {
        var response = await _client.GetAsync("/api/v1/no-such-thing");
        var error = await ReadErrorAsync(response, HttpStatusCode.NotFound);
        Assert.Equal("NOT_FOUND", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_wrong_method_is_a_405_METHOD_NOT_ALLOWED_envelope()
    {
        var response = await _client.DeleteAsync("/api/v1/test-probe");
        var error = await ReadErrorAsync(response, HttpStatusCode.MethodNotAllowed);
        Assert.Equal("METHOD_NOT_ALLOWED", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Malformed_json_is_a_400_INVALID_PARAMS_envelope()
    {
        var response = await _client.PostAsync("/api/v1/test-probe", new StringContent("{ not json", Encoding.UTF8, "application/json"));
        var error = await ReadErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("INVALID_PARAMS", error.GetProperty("code").GetString());
        Assert.False(error.TryGetProperty("details", out _));
    }

    [Fact]
    public async Task A_wrong_content_type_is_a_400_INVALID_PARAMS_envelope()
    {
        var response = await _client.PostAsync("/api/v1/test-probe", new StringContent("segmentDuration=1", Encoding.UTF8, "text/plain"));
        var error = await ReadErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("INVALID_PARAMS", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Invalid_fields_are_a_422_listing_every_failing_field()
    {
        var response = await _client.PostAsJsonAsync("/api/v1/test-probe", new { segmentDuration = 0, outputFormat = "wma" });
        var error = await ReadErrorAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("INVALID_PARAMS", error.GetProperty("code").GetString());
        var fields = error.GetProperty("details").GetProperty("fields").EnumerateArray()
            .ToDictionary(f => f.GetProperty("field").GetString()!, f => f.GetProperty("message").GetString());
        Assert.Equal("Must be a positive integer", fields["segmentDuration"]);
        Assert.Equal("Must be one of: mp3, wav", fields["outputFormat"]);
    }

    [Fact]
    public async Task A_field_of_the_wrong_type_is_named_without_dotnet_type_names()
    {
        var response = await _client.PostAsync("/api/v1/test-probe",
            new StringContent("""{"segmentDuration":"ten","outputFormat":"mp3"}""", Encoding.UTF8, "application/json"));
        var error = await ReadErrorAsync(response, HttpStatusCode.UnprocessableEntity);
        var body = error.ToString();
        Assert.Contains("segmentDuration", body);
        Assert.DoesNotContain("System.", body);
    }

    [Fact]
    public async Task An_unhandled_exception_is_a_500_envelope_without_internals()
    {
        var response = await _client.GetAsync("/api/v1/test-probe/throw");
        var raw = await response.Content.ReadAsStringAsync();
        var error = await ReadErrorAsync(response, HttpStatusCode.InternalServerError);
        Assert.Equal("INTERNAL_ERROR", error.GetProperty("code").GetString());
        Assert.DoesNotContain("secret internal detail", raw);
        Assert.DoesNotContain("/srv/path", raw);
        Assert.DoesNotContain(" at ", raw);
    }

    [Fact]
    public async Task Every_response_carries_the_request_id_that_the_envelope_names()
    {
        var ok = await _client.GetAsync("/healthz");
        Assert.StartsWith("req_", ok.Headers.GetValues("X-Request-Id").Single());

        var failed = await _client.GetAsync("/api/v1/no-such-thing");
        var error = await ReadErrorAsync(failed, HttpStatusCode.NotFound);
        Assert.Equal(failed.Headers.GetValues("X-Request-Id").Single(), error.GetProperty("requestId").GetString());
    }

    [Fact]
    public async Task An_unknown_portal_page_is_the_portals_not_found_page_not_json()
    {
        var response = await _client.GetAsync("/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync());
    }

    /// <summary>Asserts the status and the envelope's shape, and returns its <c>error</c> object.</summary>
    internal static async Task<JsonElement> ReadErrorAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(body);
        var error = document.RootElement.GetProperty("error").Clone();
        Assert.Equal((int)expected, error.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        Assert.StartsWith("req_", error.GetProperty("requestId").GetString());
        return error;
    }
}

using System.Net;
using System.Text.Json;
using AudioPortal.Web.Tests.Errors;
using AudioPortal.Web.Tests.Infrastructure;

namespace AudioPortal.Web.Tests.Operations;

public sealed class ReadinessTests
{
    [Fact]
    public async Task Healthz_says_the_process_is_alive()
    {
        using var factory = new AppFactory();
        var response = await factory.CreateClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"status\":\"ok\"", await response.Content.ReadAsStringAsync());
    }

    [FfmpegFact]
    public async Task Readyz_is_ready_with_database_storage_and_the_ffmpeg_version()
    {
        using var factory = new AppFactory();
        var response = await factory.CreateClient().GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var checks = body.RootElement.GetProperty("checks");
        Assert.True(checks.GetProperty("database").GetProperty("ok").GetBoolean());
        Assert.True(checks.GetProperty("storage").GetProperty("ok").GetBoolean());
        Assert.StartsWith("ffmpeg ", checks.GetProperty("ffmpeg").GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Readyz_is_503_SERVICE_UNAVAILABLE_naming_ffmpeg_when_it_is_not_on_the_path()
    {
        using var factory = new AppFactory();
        factory.Settings["Ffmpeg:FfmpegPath"] = "ffmpeg-that-does-not-exist";
        var response = await factory.CreateClient().GetAsync("/readyz");

        var error = await ApiErrorEnvelopeTests.ReadErrorAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("SERVICE_UNAVAILABLE", error.GetProperty("code").GetString());
        var ffmpeg = error.GetProperty("details").GetProperty("checks").GetProperty("ffmpeg");
        Assert.False(ffmpeg.GetProperty("ok").GetBoolean());
        Assert.Contains("apt-get install -y ffmpeg", ffmpeg.GetProperty("detail").GetString());
        Assert.True(error.GetProperty("details").GetProperty("checks").GetProperty("database").GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task Readyz_names_no_server_path_when_ready_or_not()
    {
        using var factory = new AppFactory();
        factory.Settings["Ffmpeg:FfmpegPath"] = "/opt/private-tools/ffmpeg";
        var client = factory.CreateClient();
        var failing = await (await client.GetAsync("/readyz")).Content.ReadAsStringAsync();

        Assert.Contains("apt-get install -y ffmpeg", failing);
        Assert.DoesNotContain("/opt/private-tools", failing);
        Assert.DoesNotContain(factory.DataPath, failing);
        Assert.DoesNotContain(Path.GetTempPath(), failing);
    }

    [Fact]
    public async Task The_openapi_document_and_the_reference_page_are_served()
    {
        using var factory = new AppFactory();
        var client = factory.CreateClient();
        var document = await client.GetStringAsync("/openapi/v1.json");
        Assert.Contains("\"AudioPortal API\"", document);
        var page = await client.GetAsync("/api-docs/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("text/html", page.Content.Headers.ContentType?.ToString());
    }
}

using AudioPortal.Web.Tests.Infrastructure;

namespace AudioPortal.Web.Tests.Operations;

/// <summary>The /api-docs reference is served by the installation itself and sends nothing to Scalar's cloud.</summary>
public sealed class ApiDocsTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_reference_page_has_telemetry_ai_chat_and_mcp_off_and_loads_only_local_scripts()
    {
        var html = await factory.CreateClient().GetStringAsync("/api-docs/");

        Assert.Contains("\"telemetry\":false", html);
        Assert.Contains("\"agent\":{\"disabled\":true}", html);
        Assert.Contains("\"mcp\":{\"disabled\":true}", html);
        Assert.DoesNotContain("src=\"http", html);
    }

    [Fact]
    public async Task The_reference_page_offers_the_api_key_first()
    {
        var html = await factory.CreateClient().GetStringAsync("/api-docs/");

        Assert.Contains("\"preferredSecurityScheme\":[\"apiKey\"]", html);
    }
}

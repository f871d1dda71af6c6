using System.Net;
using System.Text;
using System.Text.Json;
using AudioPortal.Web.Tests.Errors;
using AudioPortal.Web.Tests.Infrastructure;

namespace AudioPortal.Web.Tests.Splits;

/// <summary>POST /api/v1/splits with a body that is neither JSON nor multipart, or JSON of the wrong shape.</summary>
public sealed class SplitsControllerBodyTests(SplitsAppFactory app) : IClassFixture<SplitsAppFactory>
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("{}", null)]
    [InlineData("{}", "text/plain")]
    public async Task A_body_without_a_usable_content_type_is_401_signed_out_and_400_signed_in(string? body, string? type)
    {
        var user = await app.NewAccountAsync();
        using var anonymous = app.AnonymousClient();

        var signedOut = await BadInputFuzzTests.SendAsync(anonymous, "POST", "/api/v1/splits", body, type);
        Assert.True(signedOut.Status == HttpStatusCode.Unauthorized, $"{(int)signedOut.Status}: {signedOut.Text}");
        var signedIn = await BadInputFuzzTests.SendAsync(user.Client, "POST", "/api/v1/splits", body, type);
        Assert.True(signedIn.Status == HttpStatusCode.BadRequest, $"{(int)signedIn.Status}: {signedIn.Text}");
        Assert.Equal("INVALID_PARAMS", JsonDocument.Parse(signedIn.Text).RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_field_of_the_wrong_type_is_the_only_field_listed()
    {
        var user = await app.NewAccountAsync();
        var response = await user.Client.PostAsync("/api/v1/splits", new StringContent("""{"segmentDuration":"abc"}""", Encoding.UTF8, "application/json"));
        var error = await response.AssertErrorAsync(HttpStatusCode.UnprocessableEntity, "INVALID_PARAMS");
        var fields = error.GetProperty("details").GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("field").GetString());
        Assert.Equal(["segmentDuration"], fields);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"x\"")]
    [InlineData("null")]
    [InlineData("")]
    public async Task Json_that_is_not_an_object_is_400_with_no_field_named_request(string body)
    {
        var user = await app.NewAccountAsync();
        var response = await user.Client.PostAsync("/api/v1/splits", new StringContent(body, Encoding.UTF8, "application/json"));
        var error = await response.AssertErrorAsync(HttpStatusCode.BadRequest, "INVALID_PARAMS");
        Assert.DoesNotContain("\"request\"", error.GetRawText());
    }
}

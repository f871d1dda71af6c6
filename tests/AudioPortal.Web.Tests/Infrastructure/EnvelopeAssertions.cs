using System.Net;
using System.Text.Json;

namespace AudioPortal.Web.Tests.Infrastructure;

/// <summary>Reads an error envelope and checks its status and code in one line.</summary>
public static class EnvelopeAssertions
{
    public static async Task<JsonElement> AssertErrorAsync(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        var error = JsonDocument.Parse(body).RootElement.GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal((int)status, error.GetProperty("status").GetInt32());
        return error;
    }
}

using System.Net;
using System.Text;
using AudioPortal.Web.Tests.Infrastructure;
using AudioPortal.Web.Tests.Splits;

namespace AudioPortal.Web.Tests.Limits;

/// <summary>JSON bodies of API routes are small: a 10 MB body is refused at the limit, with or without Content-Length.</summary>
public sealed class RequestBodyLimitTests(SplitsAppFactory app) : IClassFixture<SplitsAppFactory>
{
    private const long MiB = 1024 * 1024;

    [Theory]
    [InlineData("/api/v1/splits")]
    [InlineData("/api/v1/api-keys")]
    [InlineData("/api/v1/auth/token")]
    public async Task A_10_MB_json_body_with_content_length_is_413(string path)
    {
        var user = await app.NewAccountAsync();
        var body = "{\"metadata\":{\"a\":\"" + new string('x', 10 * 1024 * 1024) + "\"}}";
        var response = await user.Client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
        await response.AssertErrorAsync(HttpStatusCode.RequestEntityTooLarge, "FILE_TOO_LARGE");
    }

    [Fact]
    public async Task A_chunked_json_body_is_refused_at_the_limit_and_not_read_to_its_end()
    {
        var user = await app.NewAccountAsync();
        var json = new[] { "{\"metadata\":{\"a\":\""u8.ToArray() }.Concat(Enumerable.Repeat(Encoding.ASCII.GetBytes(new string('x', 64 * 1024)), 1600));
        var outcome = await RawHttpUpload.SendChunkedAsync(user.Client.BaseAddress!, "/api/v1/splits",
            new Dictionary<string, string>
            {
                ["X-API-Key"] = user.Client.DefaultRequestHeaders.GetValues("X-API-Key").Single(),
                ["Content-Type"] = "application/json",
            },
            json, maxBytes: 100 * MiB);

        Assert.StartsWith("HTTP/1.1 413", outcome.StatusLine);
        Assert.Contains("FILE_TOO_LARGE", outcome.Response);
        Assert.True(outcome.ServerClosed && outcome.BytesSent < 32 * MiB, $"{outcome.BytesSent / MiB} MiB were sent, closed: {outcome.ServerClosed}");
    }
}

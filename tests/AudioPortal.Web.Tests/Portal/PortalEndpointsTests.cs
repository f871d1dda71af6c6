using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AudioPortal.Web.Portal;
using AudioPortal.Web.Tests.Infrastructure;
using AudioPortal.Web.Tests.Splits;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AudioPortal.Web.Tests.Portal;

/// <summary>The portal's plain-HTTP upload: Identity cookie, antiforgery header, the plan's size limit, streamed to storage.</summary>
public sealed partial class PortalEndpointsTests : IAsyncLifetime
{
    private const long Limit = 65536;
    private readonly AppFactory _app = new();

    public PortalEndpointsTests()
    {
        _app.Settings["Plans:0:MaxFileSize"] = Limit.ToString();
        _app.Settings["Splits:RunBackgroundWork"] = "false";
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task An_upload_without_a_portal_session_is_unauthorized()
    {
        using var client = _app.CreateClient();

        var response = await client.PostAsync("/portal/uploads", Body(TestWav.Sine(1)));

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task An_upload_without_the_antiforgery_token_is_refused()
    {
        var (client, _, _) = await SignInAsync();

        var response = await client.PostAsync("/portal/uploads", Body(TestWav.Sine(1)));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "INVALID_PARAMS");
    }

    [Fact]
    public async Task A_signed_in_upload_is_stored_and_claimable_only_by_its_owner()
    {
        var (client, token, account) = await SignInAsync();

        var response = await client.SendAsync(Upload(token, TestWav.Sine(1), "my tone.wav"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var id = body.GetProperty("uploadId").GetString()!;
        Assert.Equal("my tone.wav", body.GetProperty("fileName").GetString());
        Assert.Equal(TestWav.Sine(1).Length, body.GetProperty("size").GetInt64());
        var uploads = _app.Services.GetRequiredService<PortalUploads>();
        Assert.NotNull(uploads.Find(account.Id, id));
        Assert.Null(uploads.Find("usr_someone_else", id));
    }

    [Fact]
    public async Task A_file_over_the_plans_limit_is_refused_with_file_too_large()
    {
        var (client, token, _) = await SignInAsync();

        var response = await client.SendAsync(Upload(token, new byte[Limit + 1000], "big.wav"));

        await AssertErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "FILE_TOO_LARGE");
    }

    [Fact]
    public async Task A_streamed_file_of_unknown_length_is_cut_off_at_the_plans_limit()
    {
        var (client, token, _) = await SignInAsync();
        var request = Upload(token, [], "big.wav");
        request.Content = new UnknownLengthContent(new byte[Limit * 3]);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");

        var response = await client.SendAsync(request);

        await AssertErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "FILE_TOO_LARGE");
    }

    /// <summary>Signs a new account in through the real login form and returns a cookie client and a page's antiforgery token.</summary>
    private async Task<(HttpClient Client, string Token, Infrastructure.TestAccount Account)> SignInAsync()
    {
        var account = await _app.CreateAccountAsync();
        var (client, token) = await _app.SignInAsync(account);
        return (client, token, account);
    }

    private static HttpRequestMessage Upload(string token, byte[] bytes, string name)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/portal/uploads") { Content = Body(bytes) };
        request.Headers.Add("RequestVerificationToken", token);
        request.Headers.Add(PortalEndpoints.FileNameHeader, Uri.EscapeDataString(name));
        return request;
    }

    private static ByteArrayContent Body(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return content;
    }

    private static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        Assert.Equal(code, JsonDocument.Parse(text).RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    /// <summary>A body sent without Content-Length, so only the server's streaming limit can stop it.</summary>
    private sealed class UnknownLengthContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using AudioPortal.Core.Accounts;
using AudioPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AudioPortal.Web.Tests.Accounts;

/// <summary>
/// Whatever changes an account's security stamp — a password reset through the mailed link, a password change,
/// an operator's stamp update — ends every refresh token issued before it, over real HTTP.
/// </summary>
public sealed partial class RefreshTokenRevocationTests : IDisposable
{
    private const string NewPassword = "Brand-New-Horse-7";
    private readonly AppFactory _app = new();

    public RefreshTokenRevocationTests()
    {
        _app.Settings["PublicBaseUrl"] = "http://localhost";
    }

    [Fact]
    public async Task A_password_reset_through_the_mailed_link_ends_refresh_tokens_issued_before_it()
    {
        var account = await _app.CreateAccountAsync();
        var before = await _app.GetTokensAsync(account);
        using var browser = _app.Browser();

        var sent = await browser.PostFormAsync("/Account/ForgotPassword", "forgot-password", new() { ["Input.Email"] = account.Email });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var code = WebUtility.HtmlDecode(CodePattern().Match(PortalForms.MailTo(_app.DataPath, account.Email)).Groups[1].Value);
        var reset = await browser.PostFormAsync($"/Account/ResetPassword?code={code}", "reset-password", new()
        {
            ["Input.Code"] = code, ["Input.Email"] = account.Email, ["Input.Password"] = NewPassword, ["Input.ConfirmPassword"] = NewPassword,
        });
        Assert.EndsWith("/Account/ResetPasswordConfirmation", reset.Headers.Location?.OriginalString);

        await (await RefreshAsync(before.RefreshToken)).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        var after = await _app.GetTokensAsync(account with { Password = NewPassword });
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(after.RefreshToken)).StatusCode);
    }

    [Fact]
    public async Task Changing_the_password_on_the_portal_ends_refresh_tokens_issued_before_it()
    {
        var account = await _app.CreateAccountAsync();
        var before = await _app.GetTokensAsync(account);
        using var browser = _app.Browser();
        await browser.SignInAsync(account);

        var changed = await browser.PostFormAsync("/Account/Manage/ChangePassword", "change-password", new()
        {
            ["Input.OldPassword"] = account.Password, ["Input.NewPassword"] = NewPassword, ["Input.ConfirmPassword"] = NewPassword,
        });
        Assert.Contains("Your password has been changed.", await changed.Content.ReadAsStringAsync());

        await (await RefreshAsync(before.RefreshToken)).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task Any_security_stamp_update_ends_refresh_tokens_issued_before_it()
    {
        var account = await _app.CreateAccountAsync();
        var first = await _app.GetTokensAsync(account);
        var second = await _app.GetTokensAsync(account);

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
            Assert.True((await users.UpdateSecurityStampAsync((await users.FindByIdAsync(account.Id))!)).Succeeded);
        }

        await (await RefreshAsync(first.RefreshToken)).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await (await RefreshAsync(second.RefreshToken)).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task Signing_out_everywhere_ends_refresh_tokens_and_the_session()
    {
        var account = await _app.CreateAccountAsync();
        var before = await _app.GetTokensAsync(account);
        using var browser = _app.Browser();
        await browser.SignInAsync(account);
        var settings = await browser.GetStringAsync("/settings");

        var signedOut = await browser.PostAsync("/Account/LogoutEverywhere",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = PortalForms.AntiforgeryToken(settings) }));

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        await (await RefreshAsync(before.RefreshToken)).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/settings")).StatusCode);
    }

    private async Task<HttpResponseMessage> RefreshAsync(string refreshToken)
    {
        using var client = _app.CreateClient();
        return await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken });
    }

    public void Dispose() => _app.Dispose();

    [GeneratedRegex(@"code=([^\s&]+)")]
    private static partial Regex CodePattern();
}

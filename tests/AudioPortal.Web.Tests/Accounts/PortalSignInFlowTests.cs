using System.Net;
using System.Text.RegularExpressions;
using AudioPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AudioPortal.Web.Tests.Accounts;

/// <summary>The static sign-in pages over real HTTP: antiforgery-protected form posts, the session cookie, mail to data/mail.</summary>
public sealed partial class PortalSignInFlowTests : IClassFixture<AppFactory>
{
    private readonly AppFactory factory;

    public PortalSignInFlowTests(AppFactory factory)
    {
        // Reset links are absolute only with a trusted public address (ResetLinkHostTests covers the rest).
        factory.Settings["PublicBaseUrl"] = "http://localhost";
        this.factory = factory;
    }

    private HttpClient Browser() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>GETs the page and POSTs its form with the antiforgery token the page carries.</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string path, string handler, Dictionary<string, string> fields)
    {
        var page = await browser.GetStringAsync(path);
        var token = TokenPattern().Match(page);
        Assert.True(token.Success, "The form carries no antiforgery token.");
        var form = new Dictionary<string, string>(fields) { ["_handler"] = handler, ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) };
        return await browser.PostAsync(path, new FormUrlEncodedContent(form));
    }

    [Fact]
    public async Task Registering_sets_an_httponly_lax_session_cookie_and_redirects_to_the_dashboard()
    {
        using var browser = Browser();

        var response = await PostFormAsync(browser, "/Account/Register", "register", new()
        {
            ["Input.Email"] = $"{Guid.NewGuid():N}@example.test",
            ["Input.Password"] = "Correct-Horse-9",
            ["Input.ConfirmPassword"] = "Correct-Horse-9",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("/dashboard", response.Headers.Location?.OriginalString);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AudioPortal.Session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_form_post_without_the_antiforgery_token_is_refused()
    {
        using var browser = Browser();

        var response = await browser.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["Input.Email"] = "a@example.test", ["Input.Password"] = "x",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Signing_in_and_out_sets_and_clears_the_session_cookie()
    {
        var account = await factory.CreateAccountAsync();
        using var browser = Browser();

        var signedIn = await PostFormAsync(browser, "/Account/Login", "login", new() { ["Input.Email"] = account.Email, ["Input.Password"] = account.Password });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Contains(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AudioPortal.Session=", StringComparison.Ordinal));

        var home = await browser.GetStringAsync("/");
        var token = TokenPattern().Match(home);
        var signedOut = await browser.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value), ["ReturnUrl"] = "/",
        }));
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Contains(signedOut.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AudioPortal.Session=;", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_wrong_password_stays_on_the_form_without_a_cookie()
    {
        var account = await factory.CreateAccountAsync();
        using var browser = Browser();

        var response = await PostFormAsync(browser, "/Account/Login", "login", new() { ["Input.Email"] = account.Email, ["Input.Password"] = "wrong-password" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Invalid email or password.", await response.Content.ReadAsStringAsync());
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(".AudioPortal.Session=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Forgot_password_writes_a_reset_link_to_the_mail_folder_that_resets_the_password()
    {
        var account = await factory.CreateAccountAsync();
        using var browser = Browser();

        var sent = await PostFormAsync(browser, "/Account/ForgotPassword", "forgot-password", new() { ["Input.Email"] = account.Email });

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var mail = Directory.GetFiles(Path.Combine(factory.DataPath, "mail")).Select(File.ReadAllText).Single(m => m.Contains(account.Email, StringComparison.Ordinal));
        var link = WebUtility.HtmlDecode(LinkPattern().Match(mail).Value);
        var path = new Uri(link).PathAndQuery;

        var reset = await PostFormAsync(browser, path, "reset-password", new()
        {
            ["Input.Code"] = System.Web.HttpUtility.ParseQueryString(new Uri(link).Query)["code"]!,
            ["Input.Email"] = account.Email,
            ["Input.Password"] = "Brand-New-Horse-7",
            ["Input.ConfirmPassword"] = "Brand-New-Horse-7",
        });
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.EndsWith("/Account/ResetPasswordConfirmation", reset.Headers.Location?.OriginalString);

        var tokens = await factory.GetTokensAsync(account with { Password = "Brand-New-Horse-7" });
        Assert.False(string.IsNullOrEmpty(tokens.AccessToken));
    }

    [Fact]
    public async Task The_change_password_page_needs_a_signed_in_user()
    {
        using var browser = Browser();

        var response = await browser.GetAsync("/Account/Manage/ChangePassword");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location?.OriginalString);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();
}

using System.Net;
using AudioPortal.Web.Tests.Infrastructure;

namespace AudioPortal.Web.Tests.Accounts;

/// <summary>A form post without its antiforgery token is a bad request (400), signed in or not — never a server error.</summary>
public sealed class FormAntiforgeryTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("/Account/Login", "login")]
    [InlineData("/Account/Register", "register")]
    [InlineData("/Account/ForgotPassword", "forgot-password")]
    [InlineData("/Account/ResetPassword", "reset-password")]
    [InlineData("/Account/Logout", null)]
    [InlineData("/Account/LogoutEverywhere", null)]
    public async Task A_form_post_without_the_antiforgery_token_is_a_bad_request(string path, string? handler)
    {
        using var browser = factory.Browser();

        var response = await browser.PostAsync(path, Form(handler));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("/Account/Logout", null)]
    [InlineData("/Account/LogoutEverywhere", null)]
    [InlineData("/Account/Manage/ChangePassword", "change-password")]
    public async Task A_signed_in_form_post_without_the_antiforgery_token_is_a_bad_request(string path, string? handler)
    {
        using var browser = factory.Browser();
        await browser.SignInAsync(await factory.CreateAccountAsync());

        var response = await browser.PostAsync(path, Form(handler));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static FormUrlEncodedContent Form(string? handler)
    {
        var fields = new Dictionary<string, string> { ["Input.Email"] = "a@example.test", ["Input.Password"] = "x", ["ReturnUrl"] = "/" };
        if (handler is not null)
        {
            fields["_handler"] = handler;
        }

        return new FormUrlEncodedContent(fields);
    }
}

using AudioPortal.Web.Accounts.Identity;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace AudioPortal.Web.Tests.Accounts.Identity;

public sealed class LoginTests : IdentityPageContext
{
    private IRenderedComponent<Login> RenderLogin(string email, string password)
    {
        EnsureDatabase();
        var page = Render<Login>();
        page.Find("#login-email").Change(email);
        page.Find("#login-password").Change(password);
        return page;
    }

    [Fact]
    public void The_form_has_email_and_password_fields_and_links_to_register_and_reset()
    {
        var page = Render<Login>();

        Assert.Equal("email", page.Find("#login-email").GetAttribute("type"));
        Assert.Equal("password", page.Find("#login-password").GetAttribute("type"));
        Assert.NotNull(page.Find("a[href='/Account/ForgotPassword']"));
        Assert.Contains("/Account/Register", page.Markup);
    }

    [Fact]
    public void An_empty_form_shows_what_is_missing()
    {
        var page = RenderLogin("", "");

        page.Find("form").Submit();

        Assert.Contains("Enter your email address.", page.Markup);
        Assert.Contains("Enter your password.", page.Markup);
    }

    [Fact]
    public async Task A_wrong_password_says_so_and_sets_no_cookie()
    {
        await CreateAccountAsync("ada@example.test", "Correct-Horse-9");
        var page = RenderLogin("ada@example.test", "wrong-password");

        await page.Find("form").SubmitAsync();

        page.WaitForAssertion(() => Assert.Contains("Invalid email or password.", page.Markup));
        Assert.DoesNotContain(".AspNetCore.Identity.Application", SetCookies);
    }

    [Fact]
    public async Task The_right_password_signs_in_with_a_cookie_and_goes_to_the_dashboard()
    {
        await CreateAccountAsync("ada@example.test", "Correct-Horse-9");
        var page = RenderLogin("ada@example.test", "Correct-Horse-9");

        await page.Find("form").SubmitAsync();

        var navigation = Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => Assert.EndsWith("/dashboard", navigation.Uri));
        Assert.Contains("httponly", SetCookies, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Repeated_failures_lock_the_account_out()
    {
        await CreateAccountAsync("ada@example.test", "Correct-Horse-9");
        for (var i = 0; i < 2; i++)
        {
            var attempt = RenderLogin("ada@example.test", "wrong-password");
            await attempt.Find("form").SubmitAsync();
        }

        var page = RenderLogin("ada@example.test", "Correct-Horse-9");
        await page.Find("form").SubmitAsync();

        var navigation = Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => Assert.EndsWith("/Account/Lockout", navigation.Uri));
    }
}

using AudioPortal.Core.Accounts;
using AudioPortal.Core.Data;
using AudioPortal.Web.Accounts.Identity;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;

namespace AudioPortal.Web.Tests.Accounts.Identity;

public sealed class RegisterTests : IdentityPageContext
{
    private IRenderedComponent<Register> RenderRegister(string email, string password, string confirm)
    {
        EnsureDatabase();
        var page = Render<Register>(p => p.AddCascadingValue(Services.GetRequiredService<Microsoft.AspNetCore.Http.IHttpContextAccessor>().HttpContext!));
        page.Find("#register-email").Change(email);
        page.Find("#register-password").Change(password);
        page.Find("#register-confirm").Change(confirm);
        return page;
    }

    [Fact]
    public void Mismatched_passwords_and_a_bad_email_are_shown_before_anything_is_created()
    {
        var page = RenderRegister("not-an-email", "Correct-Horse-9", "Other-Horse-9");

        page.Find("form").Submit();

        Assert.Contains("Enter a valid email address.", page.Markup);
        Assert.Contains("The passwords do not match.", page.Markup);
    }

    [Fact]
    public async Task Registering_creates_a_free_plan_account_signs_in_and_goes_to_the_dashboard()
    {
        var page = RenderRegister("ada@example.test", "Correct-Horse-9", "Correct-Horse-9");

        await page.Find("form").SubmitAsync();

        var navigation = Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => Assert.EndsWith("/dashboard", navigation.Uri));
        using var scope = Services.CreateScope();
        var account = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<Account>().SingleAsync();
        Assert.Equal("ada@example.test", account.Email);
        Assert.Equal("plan_free", account.PlanId);
        Assert.StartsWith("whsec_", account.WebhookSecret);
        Assert.Contains("httponly", SetCookies, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_taken_email_shows_identitys_reason()
    {
        await CreateAccountAsync("ada@example.test", "Correct-Horse-9");
        var page = RenderRegister("ada@example.test", "Correct-Horse-9", "Correct-Horse-9");

        await page.Find("form").SubmitAsync();

        page.WaitForAssertion(() => Assert.Contains("already taken", page.Find(".mud-alert").TextContent));
    }

    [Fact]
    public async Task A_weak_password_shows_what_it_lacks()
    {
        var page = RenderRegister("ada@example.test", "weakpassword", "weakpassword");

        await page.Find("form").SubmitAsync();

        page.WaitForAssertion(() => Assert.Contains("uppercase", page.Find(".mud-alert").TextContent));
    }
}

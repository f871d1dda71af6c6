using AudioPortal.Web.Accounts.Pages;
using Bunit;

namespace AudioPortal.Web.Tests.Portal.Accounts;

public sealed class AccountSettingsTests : PortalTestContext
{
    [Fact]
    public void The_profile_shows_the_accounts_email_plan_and_id()
    {
        RenderProviders();

        var page = Render<AccountSettings>();

        page.WaitForAssertion(() => Assert.Equal(Account.Email, page.Find(".profile-email").TextContent));
        Assert.Equal("Free", page.Find(".profile-plan").TextContent);
        Assert.Contains(Account.Id, page.Markup);
        Assert.NotNull(page.Find("a[href='/Account/Manage/ChangePassword']"));
    }

    [Fact]
    public void Without_a_session_the_page_shows_the_catalog_toast()
    {
        Current.Clear();
        AddAuthorization(); // signed out
        var providers = RenderProviders();

        var page = Render<AccountSettings>();

        providers.AssertToast("Sign in to continue.");
        Assert.Empty(page.FindAll(".profile-email"));
    }
}

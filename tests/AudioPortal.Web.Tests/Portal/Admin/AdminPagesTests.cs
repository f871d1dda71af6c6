using AudioPortal.Core.Accounts;
using AudioPortal.Web.Admin.Pages;
using AudioPortal.Web.Tests.Admin;
using AudioPortal.Web.Tests.Infrastructure;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace AudioPortal.Web.Tests.Portal.Admin;

/// <summary>The console's pages inside a circuit, where in-app navigation never passes the HTTP authorization.</summary>
public sealed class AdminPagesTests : PortalTestContext
{
    public static TheoryData<Type> Pages() => [typeof(AdminQueuePage), typeof(AdminAccountsPage), typeof(AdminWebhooksPage), typeof(AdminErrorsPage)];

    [Theory]
    [MemberData(nameof(Pages))]
    public void A_customers_circuit_gets_the_not_found_page_and_no_console(Type page)
    {
        RenderProviders();
        var rendered = Render(builder => { builder.OpenComponent(0, page); builder.CloseComponent(); });

        rendered.WaitForAssertion(() => Assert.Contains("Page not found", rendered.Markup));
        Assert.DoesNotContain("Operator console", rendered.Markup);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task An_admins_circuit_gets_the_console(Type page)
    {
        await App.SetRoleAsync(Account, AccountRoles.Admin);
        RenderProviders();
        var rendered = Render(builder => { builder.OpenComponent(0, page); builder.CloseComponent(); });

        rendered.WaitForAssertion(() => Assert.Contains("Operator console", rendered.Markup));
        Assert.DoesNotContain("Page not found", rendered.Markup);
    }

    [Fact]
    public async Task An_admin_disables_an_account_after_confirming_and_enables_it_again()
    {
        await App.SetRoleAsync(Account, AccountRoles.Admin);
        var customer = await App.CreateAccountAsync();
        var providers = RenderProviders();
        var page = Render<AdminAccountsPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find(".accounts-table")));
        page.Find(".account-search input").Change(customer.Email);
        page.Find(".search-accounts").Click();
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".disable-account")));

        page.Find(".disable-account").Click();
        Confirm(providers);

        page.WaitForAssertion(() => Assert.Equal("disabled", page.Find(".account-state").TextContent.Trim()));
        Assert.NotNull(await DisabledAtAsync(customer.Id));

        page.Find(".enable-account").Click();

        page.WaitForAssertion(() => Assert.Equal("active", page.Find(".account-state").TextContent.Trim()));
        Assert.Null(await DisabledAtAsync(customer.Id));
    }

    private Task<DateTimeOffset?> DisabledAtAsync(string accountId) =>
        WithServiceAsync<Core.Data.AppDbContext, DateTimeOffset?>(db => db.Users.Where(a => a.Id == accountId).Select(a => a.DisabledAt).SingleAsync());
}

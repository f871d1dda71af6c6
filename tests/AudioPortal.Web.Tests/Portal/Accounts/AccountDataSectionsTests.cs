using AudioPortal.Core.Accounts;
using AudioPortal.Core.Billing;
using AudioPortal.Core.Data;
using AudioPortal.Core.Errors;
using AudioPortal.Web.Accounts.Pages;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AudioPortal.Web.Tests.Portal.Accounts;

/// <summary>The Account page's "Export my data" and "Delete my account" sections over the real services.</summary>
public sealed class AccountDataSectionsTests : PortalTestContext
{
    [Fact]
    public void The_account_page_shows_both_sections()
    {
        RenderProviders();

        var page = Render<AccountSettings>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find(".account-export .export-start")));
        Assert.NotNull(page.Find(".account-delete .delete-account"));
    }

    [Fact]
    public async Task Export_starts_an_export_and_the_timer_shows_the_download_link_once_it_is_written()
    {
        RenderProviders();
        var section = Render<AccountExportSection>(p => p.Add(s => s.PollInterval, TimeSpan.FromMilliseconds(100)));

        section.Find(".export-format-csv input").Click();
        section.Find(".export-start").Click();

        section.WaitForAssertion(() => Assert.Equal("queued", section.Find(".export-row").GetAttribute("data-status")));
        var stored = await StoredExportsAsync();
        Assert.Equal("csv", Assert.Single(stored).Format);
        Assert.Empty(section.FindAll(".export-download"));

        await App.Services.GetRequiredService<AccountExportWorker>().ProcessDueAsync(CancellationToken.None);

        section.WaitForAssertion(() => Assert.Equal("completed", section.Find(".export-row").GetAttribute("data-status")), TimeSpan.FromSeconds(5));
        var link = section.Find(".export-download").GetAttribute("href")!;
        Assert.StartsWith($"/api/v1/account/export/{stored[0].Id}/download?expires=", link);
        Assert.EndsWith(".zip", section.Find(".export-download").GetAttribute("download"));
    }

    [Fact]
    public async Task A_wrong_typed_confirmation_keeps_the_delete_button_disabled_and_the_account()
    {
        var providers = RenderProviders();
        var section = Render<AccountDeletionSection>();

        section.Find(".delete-account").Click();
        providers.Dialogs.WaitForAssertion(() => Assert.NotNull(providers.Dialogs.Find(".confirm-typed input")));
        providers.Dialogs.Find(".confirm-typed input").Input("delete my account");
        providers.Dialogs.Find(".confirm-ok").Click();

        Assert.True(providers.Dialogs.Find(".confirm-ok").HasAttribute("disabled"));
        Assert.Null(await DeletedAtAsync());
        Assert.Empty(section.FindAll(".account-deleted"));
    }

    [Fact]
    public async Task The_typed_confirmation_deletes_the_account_and_posts_the_sign_out_form()
    {
        var module = JSInterop.SetupModule("./js/account.js");
        module.SetupVoid("submitForm", _ => true).SetVoidResult();
        var providers = RenderProviders();
        var section = Render<AccountDeletionSection>();

        section.Find(".delete-account").Click();
        Confirm(providers, AccountDeletionService.ConfirmationText);

        section.WaitForAssertion(() => Assert.NotNull(section.Find(".account-deleted")));
        Assert.NotNull(await DeletedAtAsync());
        module.VerifyInvoke("submitForm");
        var form = section.Find("form.account-signout");
        Assert.Equal("/Account/Logout", form.GetAttribute("action"));
        Assert.Equal("/", form.QuerySelector("input[name=ReturnUrl]")?.GetAttribute("value"));
    }

    [Fact]
    public async Task An_active_paid_subscription_is_shown_as_the_catalog_toast_and_nothing_is_deleted()
    {
        await WithServiceAsync<BillingService, bool>(async billing =>
        {
            Assert.True((await billing.UseInvoicePaymentAsync(Account.Id, CancellationToken.None)).IsSuccess);
            var subscribed = await billing.SubscribeAsync(Account.Id, "plan_starter", CancellationToken.None);
            Assert.True(subscribed.IsSuccess, subscribed.Error?.ToString());
            return true;
        });
        var providers = RenderProviders();
        var section = Render<AccountDeletionSection>();

        section.Find(".delete-account").Click();
        Confirm(providers, AccountDeletionService.ConfirmationText);

        providers.AssertToast(ErrorCatalog.ActiveSubscription.Message);
        Assert.Null(await DeletedAtAsync());
        Assert.Empty(section.FindAll(".account-deleted"));
    }

    private async Task<List<AccountExport>> StoredExportsAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<AccountExport>().IgnoreQueryFilters()
            .Where(e => e.AccountId == Account.Id).ToListAsync();
    }

    private async Task<DateTimeOffset?> DeletedAtAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.Where(a => a.Id == Account.Id).Select(a => a.DeletedAt).SingleAsync();
    }
}

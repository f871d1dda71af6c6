using AudioPortal.Core.ApiKeys;
using AudioPortal.Core.Errors;
using AudioPortal.Web.ApiKeys.Pages;
using AudioPortal.Web.Tests.Infrastructure;
using Bunit;

namespace AudioPortal.Web.Tests.Portal.ApiKeys;

public sealed class ApiKeysPageTests : PortalTestContext
{
    [Fact]
    public void With_no_keys_the_page_offers_to_create_one()
    {
        RenderProviders();
        var page = Render<AudioPortal.Web.ApiKeys.Pages.ApiKeys>();

        page.WaitForAssertion(() => Assert.Contains("No API keys yet", page.Markup));
    }

    [Fact]
    public async Task Keys_are_listed_with_preview_scopes_and_last_use()
    {
        await App.CreateKeyAsync(Account.Id, name: "pipeline");
        RenderProviders();

        var page = Render<AudioPortal.Web.ApiKeys.Pages.ApiKeys>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll(".keys-table tbody tr")));
        var row = page.Find(".keys-table tbody tr");
        Assert.Contains("pipeline", row.TextContent);
        Assert.StartsWith("as_live_", page.Find(".key-preview").TextContent);
        Assert.Contains("splits:read", row.TextContent);
        Assert.Contains("never", row.TextContent);
    }

    [Fact]
    public async Task The_create_dialog_shows_the_new_key_once_and_the_service_stores_it()
    {
        var providers = RenderProviders();
        var page = Render<AudioPortal.Web.ApiKeys.Pages.ApiKeys>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#create-key")));

        page.Find("#create-key").Click();
        var dialog = providers.Dialogs;
        dialog.WaitForAssertion(() => Assert.NotNull(dialog.Find(".key-name input")));
        dialog.Find(".key-name input").Input("podcast pipeline");
        dialog.Find(".key-save").Click();

        dialog.WaitForAssertion(() => Assert.StartsWith("as_live_", dialog.Find(".key-value").TextContent));
        var shown = dialog.Find(".key-value").TextContent;
        Assert.NotNull(dialog.Find(".copy-button"));
        var keys = await WithServiceAsync<ApiKeyService, IReadOnlyList<ApiKeyView>>(async s => (await s.ListAsync()).Value);
        var stored = Assert.Single(keys);
        Assert.Equal("podcast pipeline", stored.Name);
        Assert.StartsWith(stored.KeyPreview.TrimEnd('…', '.'), shown);

        dialog.Find(".key-done").Click();
        page.WaitForAssertion(() => Assert.Contains("podcast pipeline", page.Find(".keys-table").TextContent));
        Assert.DoesNotContain(shown, page.Markup);
    }

    [Fact]
    public void A_key_needs_a_name_and_a_scope()
    {
        var providers = RenderProviders();
        var page = Render<AudioPortal.Web.ApiKeys.Pages.ApiKeys>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#create-key")));
        page.Find("#create-key").Click();
        var dialog = providers.Dialogs;
        dialog.WaitForAssertion(() => Assert.NotNull(dialog.Find(".key-save")));

        Assert.True(dialog.Find(".key-save").HasAttribute("disabled"));
        dialog.Find(".key-name input").Input("ci");
        foreach (var box in dialog.FindAll(".key-scope input"))
        {
            box.Change(false);
        }

        dialog.WaitForAssertion(() => Assert.Contains("Choose at least one scope.", dialog.Markup));
        Assert.True(dialog.Find(".key-save").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Going_over_the_plans_key_cap_shows_the_catalog_toast()
    {
        await App.CreateKeyAsync(Account.Id, name: "one");
        await App.CreateKeyAsync(Account.Id, name: "two");
        var providers = RenderProviders();
        var page = Render<AudioPortal.Web.ApiKeys.Pages.ApiKeys>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".keys-table tbody tr").Count));

        page.Find("#create-key").Click();
        providers.Dialogs.WaitForAssertion(() => Assert.NotNull(providers.Dialogs.Find(".key-name input")));
        providers.Dialogs.Find(".key-name input").Input("three");
        providers.Dialogs.Find(".key-save").Click();

        providers.AssertToast("allows 2 active API keys");
        Assert.Empty(providers.Dialogs.FindAll(".key-value"));
    }

    [Fact]
    public async Task Revoke_asks_first_then_revokes_through_the_service()
    {
        await App.CreateKeyAsync(Account.Id, name: "old");
        var providers = RenderProviders();
        var page = Render<AudioPortal.Web.ApiKeys.Pages.ApiKeys>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".keys-table tbody tr")));

        page.Find("button.key-revoke").Click();
        Confirm(providers);

        page.WaitForAssertion(() => Assert.Contains("No API keys yet", page.Markup));
        var keys = await WithServiceAsync<ApiKeyService, IReadOnlyList<ApiKeyView>>(async s => (await s.ListAsync()).Value);
        Assert.Empty(keys);
    }

    [Fact]
    public async Task Rotate_shows_the_replacement_key_once()
    {
        var (_, original) = await App.CreateKeyAsync(Account.Id, name: "rotating");
        var providers = RenderProviders();
        var page = Render<AudioPortal.Web.ApiKeys.Pages.ApiKeys>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".keys-table tbody tr")));

        page.Find("button.key-rotate").Click();
        Confirm(providers);

        providers.Dialogs.WaitForAssertion(() => Assert.StartsWith("as_live_", providers.Dialogs.Find(".key-value").TextContent));
        Assert.NotEqual(original, providers.Dialogs.Find(".key-value").TextContent);
    }
}

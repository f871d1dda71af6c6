using AudioPortal.Core.Data;
using AudioPortal.Core.Errors;
using AudioPortal.Core.Webhooks;
using AudioPortal.Web.Webhooks.Pages;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace AudioPortal.Web.Tests.Portal.Webhooks;

public sealed class WebhooksPageTests : PortalTestContext
{
    [Fact]
    public async Task The_secret_is_previewed_and_revealed_on_request()
    {
        var secret = (await WithServiceAsync<WebhookSecretReveal, Result<string>>(s => s.RevealAsync(CancellationToken.None))).Value;
        RenderProviders();
        var page = Render<WebhooksPage>();
        page.WaitForAssertion(() => Assert.Equal(WebhookSettingsService.Preview(secret), page.Find(".webhook-secret").TextContent));
        Assert.Contains("No deliveries yet", page.Markup);

        page.Find(".reveal-secret").Click();

        page.WaitForAssertion(() => Assert.Equal(secret, page.Find(".webhook-secret").TextContent));
        Assert.NotNull(page.Find(".copy-button"));
    }

    [Fact]
    public async Task Rotate_asks_first_and_shows_the_new_secret_once()
    {
        var before = (await WithServiceAsync<WebhookSecretReveal, Result<string>>(s => s.RevealAsync(CancellationToken.None))).Value;
        var providers = RenderProviders();
        var page = Render<WebhooksPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find(".rotate-secret")));

        page.Find(".rotate-secret").Click();
        Confirm(providers);

        providers.Dialogs.WaitForAssertion(() => Assert.StartsWith("whsec_", providers.Dialogs.Find(".key-value").TextContent));
        var shown = providers.Dialogs.Find(".key-value").TextContent;
        var after = (await WithServiceAsync<WebhookSecretReveal, Result<string>>(s => s.RevealAsync(CancellationToken.None))).Value;
        Assert.Equal(after, shown);
        Assert.NotEqual(before, after);
    }

    [Fact]
    public async Task Disabled_webhooks_can_be_re_enabled()
    {
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var account = await db.Users.FindAsync(Account.Id);
            account!.WebhooksEnabled = false;
            await db.SaveChangesAsync();
        }

        var providers = RenderProviders();
        var page = Render<WebhooksPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#enable-webhooks")));
        Assert.Equal("disabled", page.Find(".webhooks-state").TextContent);

        page.Find("#enable-webhooks").Click();

        providers.AssertToast("Webhooks re-enabled");
        page.WaitForAssertion(() => Assert.Equal("enabled", page.Find(".webhooks-state").TextContent));
        var settings = await WithServiceAsync<WebhookSettingsService, Result<WebhookSettingsView>>(s => s.GetAsync(CancellationToken.None));
        Assert.True(settings.Value.Enabled);
    }
}

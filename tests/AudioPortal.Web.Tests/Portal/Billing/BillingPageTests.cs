using AudioPortal.Core.Billing;
using AudioPortal.Web.Billing.Pages;
using Bunit;

namespace AudioPortal.Web.Tests.Portal.Billing;

public sealed class BillingPageTests : PortalTestContext
{
    [Fact]
    public void The_page_shows_the_plan_usage_comparison_and_no_invoices_yet()
    {
        RenderProviders();
        var page = Render<BillingPage>();

        page.WaitForAssertion(() => Assert.Equal("Free", page.Find(".plan-name").TextContent));
        Assert.Equal("0", page.Find(".usage-meter").GetAttribute("data-used"));
        Assert.Equal("60", page.Find(".usage-meter").GetAttribute("data-included"));
        Assert.NotNull(page.Find(".plan-table"));
        Assert.Contains("No invoices yet", page.Markup);
        Assert.NotNull(page.Find(".choose-plan_starter"));
    }

    [Fact]
    public async Task Subscribing_offline_records_invoice_payment_and_starts_the_subscription()
    {
        var providers = RenderProviders();
        var page = Render<BillingPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find(".choose-plan_starter")));

        page.Find(".choose-plan_starter").Click();
        Confirm(providers);

        providers.AssertToast("You are now on Starter");
        page.WaitForAssertion(() => Assert.Equal("Starter", page.Find(".plan-name").TextContent));
        var overview = await WithServiceAsync<BillingService, BillingOverview>(b => b.GetOverviewAsync(Account.Id, CancellationToken.None));
        Assert.Equal("plan_starter", overview.Plan.Id);
        Assert.Equal(SubscriptionStatus.Active, overview.Subscription?.Status);
        Assert.Equal(PaymentMethod.InvoiceType, overview.PaymentMethod?.Type);
    }

    [Fact]
    public async Task Cancel_asks_first_then_cancels_at_period_end()
    {
        await WithServiceAsync<BillingService, bool>(async b =>
        {
            await b.UseInvoicePaymentAsync(Account.Id, CancellationToken.None);
            return (await b.SubscribeAsync(Account.Id, "plan_pro", CancellationToken.None)).IsSuccess;
        });
        var providers = RenderProviders();
        var page = Render<BillingPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find(".cancel-subscription")));

        page.Find(".cancel-subscription").Click();
        Confirm(providers);

        providers.AssertToast("ends with the current period");
        var overview = await WithServiceAsync<BillingService, BillingOverview>(b => b.GetOverviewAsync(Account.Id, CancellationToken.None));
        Assert.True(overview.Subscription?.CancelAtPeriodEnd);
    }
}

using System.Net;
using AudioPortal.Core.Data;
using AudioPortal.Core.Webhooks;
using AudioPortal.Web.Tests.Billing;
using AudioPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AudioPortal.Web.Tests.Mail;

/// <summary>The mails about something that needs the customer's attention: webhooks turned off, a failed payment.</summary>
public sealed class AlertMailOverSmtpTests : SmtpMailTest
{
    private const string StripeSecret = "whsec_mail_test";
    private readonly FakeStripeServer _stripe = new();

    [NodeFact]
    public async Task Webhooks_turned_off_after_failing_events_send_one_mail_with_the_page_to_turn_them_on_again()
    {
        App.Settings["Splits:RunBackgroundWork"] = "false"; // the test drives the dispatcher and the clock
        App.Settings["Webhooks:RetrySchedule:0"] = "00:01:00";
        App.Settings["Webhooks:DisableAfterFailedEvents"] = "2";
        var account = await App.NewAccountIdAsync();
        var email = await EmailOfAsync(account);
        var dispatcher = App.Services.GetRequiredService<WebhookDispatcher>();

        for (var i = 0; i < 3; i++) // the third event fails too once the webhooks are off: no second mail
        {
            await AddDeliveryAsync(account, "http://127.0.0.1:9/hooks"); // nothing listens there: every attempt fails
            await dispatcher.SendDueAsync(default);
            App.Clock.Advance(TimeSpan.FromMinutes(1));
            await dispatcher.SendDueAsync(default);
        }

        Assert.False(await App.WithDbAsync(db => db.Users.Where(a => a.Id == account).Select(a => a.WebhooksEnabled).SingleAsync()));
        var mail = await Sink.WaitForAsync(email, "Your webhooks were turned off");
        Assert.Contains("The last 2 webhook events", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://portal.test/webhooks", mail.TextBody, StringComparison.Ordinal);
        Assert.Single(await AllMailToAsync(email));
    }

    [NodeFact]
    public async Task A_failed_invoice_payment_from_stripe_sends_one_payment_failed_mail_naming_the_invoice()
    {
        App.WithStripe(_stripe, StripeSecret);
        var account = await App.NewAccountIdAsync();
        var email = await EmailOfAsync(account);
        await App.LinkStripeCustomerAsync(account);
        var invoice = _stripe.MakeInvoice("in_fake0001", "open", 1900, attempted: true);
        _stripe.Invoices["in_fake0001"] = invoice;
        using var client = App.CreateClient();

        var failed = BillingApp.StripeEvent("evt_fail", "invoice.payment_failed", invoice, Now);
        Assert.Equal(HttpStatusCode.OK, (await BillingApp.PostStripeEventAsync(client, failed, StripeSecret, Now)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await BillingApp.PostStripeEventAsync(client, failed, StripeSecret, Now)).StatusCode); // Stripe's retry: no second mail

        var mail = await Sink.WaitForAsync(email, "A payment failed");
        Assert.Contains("invoice FAKE-0001 failed", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://portal.test/billing", mail.TextBody, StringComparison.Ordinal);
        var paidInvoice = _stripe.MakeInvoice("in_fake0001", "paid", 1900, attempted: true);
        _stripe.Invoices["in_fake0001"] = paidInvoice;
        Assert.Equal(HttpStatusCode.OK, (await BillingApp.PostStripeEventAsync(client, BillingApp.StripeEvent("evt_paid", "invoice.paid", paidInvoice, Now), StripeSecret, Now)).StatusCode);
        Assert.Single(await AllMailToAsync(email)); // neither the replay nor the paid invoice mails again
    }

    private Task<int> AddDeliveryAsync(string accountId, string url) => App.WithDbAsync(db =>
    {
        var now = App.Clock.GetUtcNow();
        db.Set<WebhookDelivery>().Add(new WebhookDelivery
        {
            AccountId = accountId, JobId = "job_mail", Event = WebhookEvents.Completed, Url = url, Payload = """{"event":"job.completed"}""",
            CreatedAt = now, NextAttemptAt = now,
        });
        return db.SaveChangesAsync();
    });

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _stripe.DisposeAsync();
    }
}

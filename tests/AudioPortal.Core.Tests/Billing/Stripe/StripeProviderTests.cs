using AudioPortal.Core.Billing;
using AudioPortal.Core.Billing.Stripe;
using AudioPortal.Core.Data;
using AudioPortal.Core.Errors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AudioPortal.Core.Tests.Billing.Stripe;

/// <summary>The Stripe provider against a fake Stripe on 127.0.0.1: the exact calls each operation makes.</summary>
public sealed class StripeProviderTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 3, 25, 10, 0, 0, TimeSpan.Zero);
    private readonly FakeStripeServer _stripe = new();
    private StripeWorld _app = null!;

    public Task InitializeAsync()
    {
        _app = new StripeWorld(Now, _stripe);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Checkout_creates_the_customer_once_and_a_subscription_mode_session_then_the_portal_reuses_it()
    {
        var account = await _app.NewAccountIdAsync();

        var checkout = await _app.WithAsync<BillingService, Result<string>>(s => s.CreateCheckoutUrlAsync(account, "plan_starter", default));
        Assert.Equal("https://checkout.stripe.test/c/pay/cs_fake1", checkout.Value);
        var portal = await _app.WithAsync<BillingService, Result<string>>(s => s.CreatePortalUrlAsync(account, default));
        Assert.Equal("https://billing.stripe.test/p/session/fake1", portal.Value);

        var calls = _stripe.Calls;
        Assert.Equal(["POST /v1/customers", "POST /v1/checkout/sessions", "POST /v1/billing_portal/sessions"], calls.Select(c => c.ToString()));
        Assert.Equal(account, calls[0].Form["metadata[accountId]"]);
        var session = calls[1].Form;
        Assert.Equal("subscription", session["mode"]);
        Assert.Equal(FakeStripeServer.CustomerId, session["customer"]);
        Assert.Equal(account, session["client_reference_id"]);
        Assert.Equal("price_starter", session["line_items[0][price]"]);
        Assert.Equal("1", session["line_items[0][quantity]"]);
        Assert.Equal("plan_starter", session["subscription_data[metadata][planId]"]);
        Assert.StartsWith("https://portal.test/billing?checkout=success", session["success_url"]);
        Assert.Equal(FakeStripeServer.CustomerId, calls[2].Form["customer"]);
        Assert.Equal("https://portal.test/billing", calls[2].Form["return_url"]);
    }

    [Fact]
    public async Task Subscribe_needs_a_card_on_file_then_creates_the_subscription_through_the_api()
    {
        var account = await _app.NewAccountIdAsync();
        var refused = await _app.WithAsync<BillingService, Result<Subscription>>(s => s.SubscribeAsync(account, "plan_starter", default));
        Assert.Equal("PAYMENT_REQUIRED", refused.Error?.Code);
        Assert.Empty(_stripe.Calls);

        await AddCardAsync(account);
        var subscribed = await _app.WithAsync<BillingService, Result<Subscription>>(s => s.SubscribeAsync(account, "plan_starter", default));

        Assert.True(subscribed.IsSuccess, subscribed.Error?.ToString());
        Assert.Equal(["POST /v1/customers", "POST /v1/subscriptions"], _stripe.Calls.Select(c => c.ToString()));
        var create = _stripe.Calls[1].Form;
        Assert.Equal((FakeStripeServer.CustomerId, "price_starter", "1", "error_if_incomplete", "plan_starter"),
            (create["customer"], create["items[0][price]"], create["items[0][quantity]"], create["payment_behavior"], create["metadata[planId]"]));
        Assert.Equal((FakeStripeServer.SubscriptionId, "plan_starter", "active"), (subscribed.Value.ExternalId, subscribed.Value.PlanId, subscribed.Value.Status));
        Assert.Equal((FakeStripeServer.Start, FakeStripeServer.End), (subscribed.Value.CurrentPeriodStart, subscribed.Value.CurrentPeriodEnd));
        Assert.Equal("plan_starter", await PlanOfAsync(account));

        var again = await _app.WithAsync<BillingService, Result<Subscription>>(s => s.SubscribeAsync(account, "plan_pro", default));
        Assert.Equal("ALREADY_SUBSCRIBED", again.Error?.Code);
    }

    [Fact]
    public async Task An_upgrade_swaps_the_price_now_and_has_stripe_invoice_the_proration_at_once()
    {
        var account = await SubscribedAsync("plan_starter");

        var change = await _app.WithAsync<BillingService, Result<PlanChange>>(s => s.ChangePlanAsync(account, "plan_pro", default));

        Assert.True(change.IsSuccess, change.Error?.ToString());
        Assert.Equal(["GET /v1/subscriptions/sub_fake1", "POST /v1/subscriptions/sub_fake1"], _stripe.Calls.Select(c => c.ToString()));
        var update = _stripe.Calls[1].Form;
        Assert.Equal((FakeStripeServer.ItemId, "price_pro", "always_invoice"), (update["items[0][id]"], update["items[0][price]"], update["proration_behavior"]));
        // (4900 − 1900) × 21 days left / 31 days = 2032.26 → 2032 cents.
        Assert.Equal(2032, change.Value.Proration!.Amount);
        Assert.Equal("plan_pro", await PlanOfAsync(account));
    }

    [Fact]
    public async Task A_downgrade_is_scheduled_for_the_period_end_through_a_subscription_schedule()
    {
        var account = await SubscribedAsync("plan_pro");

        var change = await _app.WithAsync<BillingService, Result<PlanChange>>(s => s.ChangePlanAsync(account, "plan_starter", default));

        Assert.True(change.IsSuccess, change.Error?.ToString());
        Assert.Equal(
            ["GET /v1/subscriptions/sub_fake1", "POST /v1/subscription_schedules", "POST /v1/subscription_schedules/sub_sched_fake1"],
            _stripe.Calls.Select(c => c.ToString()));
        Assert.Equal(FakeStripeServer.SubscriptionId, _stripe.Calls[1].Form["from_subscription"]);
        var phases = _stripe.Calls[2].Form;
        Assert.Equal("release", phases["end_behavior"]);
        Assert.Equal("price_pro", phases["phases[0][items][0][price]"]);
        Assert.Equal(FakeStripeServer.End.ToUnixTimeSeconds().ToString(), phases["phases[0][end_date]"]);
        Assert.Equal("price_starter", phases["phases[1][items][0][price]"]);
        Assert.Equal("month", phases["phases[1][duration][interval]"]);
        Assert.Null(change.Value.Proration);
        Assert.Equal("plan_starter", change.Value.Subscription.ScheduledPlanId);
        Assert.Equal("plan_pro", await PlanOfAsync(account));
    }

    [Fact]
    public async Task Cancel_sets_cancel_at_period_end_or_deletes_the_subscription_when_immediate()
    {
        var account = await SubscribedAsync("plan_starter");

        var atEnd = await _app.WithAsync<BillingService, Result<Subscription>>(s => s.CancelAsync(account, immediate: false, "moving", default));
        Assert.True(atEnd.Value.CancelAtPeriodEnd);
        Assert.Equal("plan_starter", await PlanOfAsync(account));
        var update = Assert.Single(_stripe.Calls);
        Assert.Equal(("POST /v1/subscriptions/sub_fake1", "true", "moving"), (update.ToString(), update.Form["cancel_at_period_end"], update.Form["cancellation_details[comment]"]));

        _stripe.ClearCalls();
        var now = await _app.WithAsync<BillingService, Result<Subscription>>(s => s.CancelAsync(account, immediate: true, null, default));
        Assert.Equal(SubscriptionStatus.Canceled, now.Value.Status);
        Assert.Equal("plan_free", await PlanOfAsync(account));
        var delete = Assert.Single(_stripe.Calls);
        Assert.Equal("DELETE /v1/subscriptions/sub_fake1", delete.ToString());
        Assert.Contains("invoice_now=true", Uri.UnescapeDataString(delete.Query + "&" + string.Join("&", delete.Form.Select(f => $"{f.Key}={f.Value}"))));
    }

    [Fact]
    public async Task Overage_is_reported_as_meter_events_identified_by_the_job_id_once()
    {
        var account = await SubscribedAsync("plan_starter");
        await CompleteJobAsync(account, "job_first", 490);
        await CompleteJobAsync(account, "job_second", 30); // 20 of its minutes pass the 500 included

        Assert.Equal(1, await _app.WithAsync<StripeUsageReporter, int>(r => r.ReportPendingAsync(default)));
        Assert.Equal(0, await _app.WithAsync<StripeUsageReporter, int>(r => r.ReportPendingAsync(default)));

        var meter = Assert.Single(_stripe.Calls);
        Assert.Equal("POST /v1/billing/meter_events", meter.ToString());
        Assert.Equal(("audio_minutes", "job_second", FakeStripeServer.CustomerId, "20"),
            (meter.Form["event_name"], meter.Form["identifier"], meter.Form["payload[stripe_customer_id]"], meter.Form["payload[value]"]));
    }

    private async Task<string> SubscribedAsync(string planId)
    {
        var account = await _app.NewAccountIdAsync();
        await AddCardAsync(account);
        var subscribed = await _app.WithAsync<BillingService, Result<Subscription>>(s => s.SubscribeAsync(account, planId, default));
        Assert.True(subscribed.IsSuccess, subscribed.Error?.ToString());
        _stripe.ClearCalls();
        return account;
    }

    private Task CompleteJobAsync(string account, string jobId, int minutes) => _app.CompleteJobAsync(account, jobId, minutes * 60);

    private Task AddCardAsync(string account) => _app.WithDbAsync(async db =>
    {
        db.Add(new PaymentMethod { AccountId = account, Type = PaymentMethod.CardType, Brand = "visa", Last4 = "4242", ExpiresMonth = 8, ExpiresYear = 2030, UpdatedAt = Now });
        return await db.SaveChangesAsync();
    });

    private Task<string> PlanOfAsync(string account) =>
        _app.WithDbAsync(db => db.Users.Where(a => a.Id == account).Select(a => a.PlanId).SingleAsync());

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _stripe.DisposeAsync();
    }
}

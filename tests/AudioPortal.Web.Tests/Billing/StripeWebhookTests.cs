using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AudioPortal.Core.Billing;
using AudioPortal.Core.Errors;
using Microsoft.EntityFrameworkCore;

namespace AudioPortal.Web.Tests.Billing;

/// <summary><c>POST /api/v1/billing/stripe/webhook</c> over real HTTP, signed with Stripe's scheme.</summary>
public sealed class StripeWebhookTests : IAsyncLifetime
{
    private const string Secret = "whsec_webhook_test";
    private static readonly DateTimeOffset Now = new(2026, 3, 25, 10, 0, 0, TimeSpan.Zero);
    private readonly FakeStripeServer _stripe = new();
    private BillingApp _app = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _app = new BillingApp(Now).WithStripe(_stripe, Secret);
        _client = _app.CreateClient();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_completed_checkout_links_the_customer_and_mirrors_the_subscription_and_card_read_back_from_stripe()
    {
        var account = await _app.NewAccountIdAsync();
        _stripe.Subscription = _stripe.MakeSubscription("price_starter");
        _stripe.Subscription["default_payment_method"] = FakeStripeServer.Fixture("payment_method");

        var response = await PostAsync(Event("evt_checkout1", "checkout.session.completed", Session(account)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("duplicate").GetBoolean());
        var read = Assert.Single(_stripe.Calls);
        Assert.Equal("GET /v1/subscriptions/sub_fake1", read.ToString());
        Assert.Contains("expand", Uri.UnescapeDataString(read.Query));
        var overview = await _app.WithAsync<BillingService, BillingOverview>(s => s.GetOverviewAsync(account, default));
        Assert.Equal(("plan_starter", "active", FakeStripeServer.SubscriptionId), (overview.Plan.Id, overview.Subscription!.Status, overview.Subscription.ExternalId));
        Assert.Equal(("card", "visa", "4242", 8, 2030), (overview.PaymentMethod!.Type, overview.PaymentMethod.Brand, overview.PaymentMethod.Last4, overview.PaymentMethod.ExpiresMonth, overview.PaymentMethod.ExpiresYear));
    }

    [Fact]
    public async Task A_replayed_event_is_acknowledged_but_not_applied_twice()
    {
        var account = await _app.NewAccountIdAsync();
        _stripe.Subscription = _stripe.MakeSubscription("price_starter");
        var body = Event("evt_replay", "checkout.session.completed", Session(account));

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(body)).StatusCode);
        var replay = await PostAsync(body);

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.True((await replay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("duplicate").GetBoolean());
        Assert.Single(_stripe.Calls);
        Assert.Equal(1, await _app.WithDbAsync(db => db.Set<ProcessedStripeEvent>().CountAsync(e => e.EventId == "evt_replay")));
    }

    [Fact]
    public async Task Events_arriving_out_of_order_leave_the_state_stripe_holds_now()
    {
        var account = await _app.NewAccountIdAsync();
        await LinkCustomerAsync(account);
        // Stripe's current truth: active on Pro. The older "created" event (incomplete, Starter) arrives last.
        _stripe.Subscription = _stripe.MakeSubscription("price_pro", accountId: account);
        var updated = _stripe.MakeSubscription("price_pro", accountId: account);
        var created = _stripe.MakeSubscription("price_starter", "incomplete", accountId: account);

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(Event("evt_2", "customer.subscription.updated", updated))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(Event("evt_1", "customer.subscription.created", created))).StatusCode);

        var overview = await _app.WithAsync<BillingService, BillingOverview>(s => s.GetOverviewAsync(account, default));
        Assert.Equal(("plan_pro", "active"), (overview.Plan.Id, overview.Subscription!.Status));
        Assert.Equal(2, _stripe.Calls.Count(c => c.ToString() == "GET /v1/subscriptions/sub_fake1"));

        // Deleted on Stripe's side: the account is back on the free plan.
        _stripe.Subscription["status"] = "canceled";
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(Event("evt_3", "customer.subscription.deleted", updated))).StatusCode);
        Assert.Equal("plan_free", (await _app.WithAsync<BillingService, BillingOverview>(s => s.GetOverviewAsync(account, default))).Plan.Id);
    }

    [Fact]
    public async Task A_failed_invoice_payment_blocks_new_jobs_until_the_invoice_is_paid()
    {
        var account = await _app.NewAccountIdAsync();
        await LinkCustomerAsync(account);
        _stripe.Invoices["in_fake0001"] = _stripe.MakeInvoice("in_fake0001", "open", 1900, attempted: true);

        await PostAsync(Event("evt_fail", "invoice.payment_failed", _stripe.MakeInvoice("in_fake0001", "open", 1900, attempted: true)));
        var blocked = await _app.WithAsync<IUsageMeter, Result>(m => m.CheckCanStartAsync(account, 60, false, default));
        Assert.Equal("PAYMENT_REQUIRED", blocked.Error?.Code);

        _stripe.Invoices["in_fake0001"] = _stripe.MakeInvoice("in_fake0001", "paid", 1900, attempted: true);
        await PostAsync(Event("evt_paid", "invoice.paid", _stripe.MakeInvoice("in_fake0001", "paid", 1900, attempted: true)));
        Assert.True((await _app.WithAsync<IUsageMeter, Result>(m => m.CheckCanStartAsync(account, 60, false, default))).IsSuccess);
        var invoices = await _app.WithAsync<BillingService, Result<InvoicePage>>(s => s.ListInvoicesAsync(account, 1, 20, default));
        var invoice = Assert.Single(invoices.Value.Items);
        Assert.Equal(("FAKE-0001", InvoiceStatus.Paid, 1900L, "https://pay.stripe.test/invoice/in_fake0001/pdf"), (invoice.Number, invoice.Status, invoice.Amount, invoice.ExternalPdfUrl));
    }

    [Theory]
    [InlineData("wrong secret", 0)]
    [InlineData(Secret, -301)]
    [InlineData(Secret, -3600)]
    public async Task A_signature_with_the_wrong_secret_or_a_stale_timestamp_is_refused_and_nothing_is_recorded(string secret, int ageSeconds)
    {
        var body = Event("evt_bad", "customer.subscription.updated", _stripe.MakeSubscription("price_pro"));

        var response = await PostAsync(body, secret, Now.AddSeconds(ageSeconds));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("UNAUTHORIZED", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("code").GetString());
        Assert.Empty(_stripe.Calls);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Set<ProcessedStripeEvent>().CountAsync()));
    }

    [Fact]
    public async Task A_burst_of_stripe_events_from_one_address_is_never_rate_limited()
    {
        await using var app = new BillingApp(Now).WithStripe(_stripe, Secret);
        app.Settings["RateLimiting:Enabled"] = "true";
        app.Settings["RateLimiting:AnonymousPerWindow"] = "2";
        var client = app.CreateClient();
        var account = await app.NewAccountIdAsync();
        _stripe.Subscription = _stripe.MakeSubscription("price_starter");

        for (var i = 0; i < 5; i++)
        {
            var body = Event($"evt_burst{i}", "checkout.session.completed", Session(account));
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/billing/stripe/webhook") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add("Stripe-Signature", BillingApp.Sign(body, Secret, Now.ToUnixTimeSeconds()));
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
        }

        // The limiter is on: an anonymous call elsewhere under /api is limited after two.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await client.PostAsync("/api/v1/auth/token", JsonContent.Create(new { email = "nobody@example.test", password = "x" }))).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task A_missing_signature_header_is_refused()
    {
        var response = await _client.PostAsync("/api/v1/billing/stripe/webhook", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private Task<HttpResponseMessage> PostAsync(string body, string secret = Secret, DateTimeOffset? signedAt = null) =>
        BillingApp.PostStripeEventAsync(_client, body, secret, signedAt ?? Now);

    private static string Event(string id, string type, JsonObject dataObject) => BillingApp.StripeEvent(id, type, dataObject, Now);

    private static JsonObject Session(string accountId)
    {
        var s = FakeStripeServer.Fixture("checkout.session");
        s["id"] = "cs_fake1";
        s["mode"] = "subscription";
        s["client_reference_id"] = accountId;
        s["customer"] = FakeStripeServer.CustomerId;
        s["subscription"] = FakeStripeServer.SubscriptionId;
        s["status"] = "complete";
        return s;
    }

    private Task LinkCustomerAsync(string account) => _app.LinkStripeCustomerAsync(account);

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        await _stripe.DisposeAsync();
    }
}

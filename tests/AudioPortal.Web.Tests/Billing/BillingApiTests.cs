using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AudioPortal.Core.Billing;
using AudioPortal.Core.Errors;
using AudioPortal.Web.Tests.Infrastructure;

namespace AudioPortal.Web.Tests.Billing;

/// <summary><c>/api/v1/billing</c> with the offline provider, over real HTTP with a JWT, including every billing error.</summary>
public sealed class BillingApiTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 3, 15, 10, 0, 0, TimeSpan.Zero);
    private readonly BillingApp _app = new(Now);
    private string _account = "";
    private TestAccount _user = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _user = await _app.CreateAccountAsync();
        _account = _user.Id;
        _client = _app.CreateClientWithToken((await _app.GetTokensAsync(_user)).AccessToken);
    }

    /// <summary>Moves the fake clock on; access tokens live an hour, so sign in again afterwards.</summary>
    private async Task AdvanceAsync(TimeSpan by)
    {
        _app.Clock.Advance(by);
        _client.Dispose();
        _client = _app.CreateClientWithToken((await _app.GetTokensAsync(_user)).AccessToken);
    }

    [Fact]
    public async Task Billing_routes_need_a_jwt_and_refuse_api_keys()
    {
        using var anonymous = _app.CreateClient();
        await (await anonymous.GetAsync("/api/v1/billing")).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");

        var (_, keyClient) = await _app.CreateAccountWithKeyAsync();
        await (await keyClient.GetAsync("/api/v1/billing")).AssertErrorAsync(HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE");
        await (await keyClient.PostAsJsonAsync("/api/v1/billing/subscribe", new { planId = "plan_pro" })).AssertErrorAsync(HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE");
    }

    [Fact]
    public async Task A_free_account_shows_its_plan_without_subscription_or_payment_method()
    {
        var billing = await _client.GetFromJsonAsync<JsonElement>("/api/v1/billing");

        var plan = billing.GetProperty("plan");
        Assert.Equal(("plan_free", "Free", 60, 104857600L, 0L, "usd"),
            (plan.GetProperty("id").GetString(), plan.GetProperty("name").GetString(), plan.GetProperty("monthlyMinutes").GetInt32(),
             plan.GetProperty("maxFileSize").GetInt64(), plan.GetProperty("pricePerMonth").GetInt64(), plan.GetProperty("currency").GetString()));
        Assert.False(billing.TryGetProperty("subscription", out _)); // null members are omitted
        Assert.False(billing.TryGetProperty("paymentMethod", out _)); // null members are omitted
    }

    [Fact]
    public async Task Subscribe_answers_each_billing_error_of_the_table()
    {
        await (await _client.PostAsJsonAsync("/api/v1/billing/subscribe", new { planId = "plan_gold" })).AssertErrorAsync(HttpStatusCode.NotFound, "PLAN_NOT_FOUND");
        await (await _client.PostAsJsonAsync("/api/v1/billing/subscribe", new { planId = "plan_pro" })).AssertErrorAsync(HttpStatusCode.PaymentRequired, "PAYMENT_REQUIRED");
        await (await _client.PostAsJsonAsync("/api/v1/billing/subscribe", new { })).AssertErrorAsync(HttpStatusCode.BadRequest, "INVALID_PARAMS");
        await (await _client.PostAsJsonAsync("/api/v1/billing/change-plan", new { planId = "plan_nope" })).AssertErrorAsync(HttpStatusCode.NotFound, "PLAN_NOT_FOUND");

        Assert.Equal(HttpStatusCode.OK, (await _client.PutAsJsonAsync("/api/v1/billing/payment-method", new { type = "invoice" })).StatusCode);
        var created = await _client.PostAsJsonAsync("/api/v1/billing/subscribe", new { planId = "plan_starter" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var subscription = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("subscription");
        Assert.StartsWith("sub_", subscription.GetProperty("id").GetString());
        Assert.Equal(("active", "2026-03-15T10:00:00Z", "2026-04-15T10:00:00Z", false),
            (subscription.GetProperty("status").GetString(), subscription.GetProperty("currentPeriodStart").GetString(),
             subscription.GetProperty("currentPeriodEnd").GetString(), subscription.GetProperty("cancelAtPeriodEnd").GetBoolean()));

        await (await _client.PostAsJsonAsync("/api/v1/billing/subscribe", new { planId = "plan_pro" })).AssertErrorAsync(HttpStatusCode.Conflict, "ALREADY_SUBSCRIBED");
    }

    [Fact]
    public async Task An_upgrade_returns_its_proration_and_a_downgrade_its_scheduled_plan()
    {
        await SubscribeAsync("plan_starter");
        await AdvanceAsync(TimeSpan.FromDays(10) + TimeSpan.FromHours(14)); // Mar 26 00:00: 20 d 10 h of 31 d left

        var upgrade = await (await _client.PostAsJsonAsync("/api/v1/billing/change-plan", new { planId = "plan_pro" })).Content.ReadFromJsonAsync<JsonElement>();
        // 3000 × 490 h / 744 h = 1975.8 → 1976
        Assert.Equal(1976, upgrade.GetProperty("proration").GetProperty("amount").GetInt64());
        Assert.Equal("usd", upgrade.GetProperty("proration").GetProperty("currency").GetString());
        Assert.Equal("plan_pro", upgrade.GetProperty("subscription").GetProperty("planId").GetString());

        var downgrade = await (await _client.PostAsJsonAsync("/api/v1/billing/change-plan", new { planId = "plan_starter" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("plan_starter", downgrade.GetProperty("subscription").GetProperty("scheduledPlanId").GetString());
        Assert.False(downgrade.TryGetProperty("proration", out var none) && none.ValueKind != JsonValueKind.Null);
        Assert.Contains("2026-04-15", downgrade.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Invoices_are_listed_newest_first_with_paging_and_a_printable_document()
    {
        await SubscribeAsync("plan_starter");
        await AdvanceAsync(TimeSpan.FromDays(5));
        await _client.PostAsJsonAsync("/api/v1/billing/change-plan", new { planId = "plan_pro" });

        var page = await _client.GetFromJsonAsync<JsonElement>("/api/v1/billing/invoices?page=1&limit=1");
        var first = Assert.Single(page.GetProperty("data").EnumerateArray());
        Assert.Equal("INV-2026-0002", first.GetProperty("number").GetString());
        Assert.Equal(("open", "usd"), (first.GetProperty("status").GetString(), first.GetProperty("currency").GetString()));
        Assert.Equal((1, 1, 2, 2), (page.GetProperty("pagination").GetProperty("page").GetInt32(), page.GetProperty("pagination").GetProperty("limit").GetInt32(),
            page.GetProperty("pagination").GetProperty("total").GetInt32(), page.GetProperty("pagination").GetProperty("totalPages").GetInt32()));

        var second = (await _client.GetFromJsonAsync<JsonElement>("/api/v1/billing/invoices?page=2&limit=1")).GetProperty("data")[0];
        Assert.Equal(("INV-2026-0001", 1900L), (second.GetProperty("number").GetString(), second.GetProperty("amount").GetInt64()));
        var pdf = await _client.GetAsync(new Uri(second.GetProperty("pdfUrl").GetString()!).PathAndQuery);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var text = System.Text.Encoding.Latin1.GetString(await pdf.Content.ReadAsByteArrayAsync());
        Assert.StartsWith("%PDF-1.4", text);
        Assert.Contains("(Invoice INV-2026-0001) Tj", text);
        Assert.Contains("($19.00) Tj", text);
        AssertCrossReferencesPointAtTheirObjects(text);

        var document = await _client.GetAsync(new Uri(second.GetProperty("htmlUrl").GetString()!).PathAndQuery);
        Assert.Equal("text/html", document.Content.Headers.ContentType?.MediaType);
        var html = await document.Content.ReadAsStringAsync();
        Assert.Contains("INV-2026-0001", html);
        Assert.Contains("$19.00", html);

        await (await _client.GetAsync("/api/v1/billing/invoices?limit=500")).AssertErrorAsync(HttpStatusCode.UnprocessableEntity, "INVALID_PARAMS");
        await (await _client.GetAsync("/api/v1/billing/invoices/inv_missing")).AssertErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    /// <summary>A reader finds each object through the xref table: every offset must land on that object's header.</summary>
    private static void AssertCrossReferencesPointAtTheirObjects(string pdf)
    {
        Assert.EndsWith("%%EOF\n", pdf);
        var startXref = int.Parse(pdf[(pdf.LastIndexOf("startxref\n", StringComparison.Ordinal) + 10)..].Split('\n')[0]);
        Assert.StartsWith("xref\n", pdf[startXref..]);
        var entries = pdf[startXref..].Split('\n').Skip(3).TakeWhile(l => l.EndsWith(" n ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(entries);
        for (var i = 0; i < entries.Count; i++)
        {
            Assert.StartsWith($"{i + 1} 0 obj", pdf[int.Parse(entries[i][..10])..]);
        }
    }

    [Fact]
    public async Task Another_accounts_invoice_is_not_found()
    {
        await SubscribeAsync("plan_starter");
        var invoiceId = (await _client.GetFromJsonAsync<JsonElement>("/api/v1/billing/invoices")).GetProperty("data")[0].GetProperty("id").GetString();

        var (_, other) = await _app.CreateAccountWithTokenAsync();
        await (await other.GetAsync($"/api/v1/billing/invoices/{invoiceId}")).AssertErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await other.GetAsync($"/api/v1/billing/invoices/{invoiceId}/document")).AssertErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await other.GetAsync($"/api/v1/billing/invoices/{invoiceId}/pdf")).AssertErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task Usage_reports_the_period_asked_for_and_refuses_anything_else()
    {
        await _app.CompleteJobAsync(_account, "job_u1", 1380.5);

        var usage = await _client.GetFromJsonAsync<JsonElement>("/api/v1/billing/usage?period=current");
        Assert.Equal(("2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z"),
            (usage.GetProperty("period").GetProperty("start").GetString(), usage.GetProperty("period").GetProperty("end").GetString()));
        Assert.Equal((24, 60, 0, 1, 0), (usage.GetProperty("usage").GetProperty("minutesProcessed").GetInt32(), usage.GetProperty("usage").GetProperty("minutesIncluded").GetInt32(),
            usage.GetProperty("usage").GetProperty("minutesOverage").GetInt32(), usage.GetProperty("usage").GetProperty("jobsCompleted").GetInt32(),
            usage.GetProperty("usage").GetProperty("jobsFailed").GetInt32()));
        Assert.Equal(0, usage.GetProperty("cost").GetProperty("total").GetInt64());

        var previous = await _client.GetFromJsonAsync<JsonElement>("/api/v1/billing/usage?period=previous");
        Assert.Equal("2026-02-01T00:00:00Z", previous.GetProperty("period").GetProperty("start").GetString());
        Assert.Equal(0, previous.GetProperty("usage").GetProperty("minutesProcessed").GetInt32());
        var march = await _client.GetFromJsonAsync<JsonElement>("/api/v1/billing/usage?period=2026-03");
        Assert.Equal(24, march.GetProperty("usage").GetProperty("minutesProcessed").GetInt32());

        var bad = await (await _client.GetAsync("/api/v1/billing/usage?period=last-week")).AssertErrorAsync(HttpStatusCode.UnprocessableEntity, "INVALID_PARAMS");
        Assert.Equal("period", bad.GetProperty("details").GetProperty("fields")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task Cancel_at_period_end_then_immediately()
    {
        await (await _client.PostAsJsonAsync("/api/v1/billing/cancel", new { })).AssertErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");
        await SubscribeAsync("plan_pro");

        var atEnd = await (await _client.PostAsJsonAsync("/api/v1/billing/cancel", new { reason = "budget" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(atEnd.GetProperty("subscription").GetProperty("cancelAtPeriodEnd").GetBoolean());
        Assert.Equal("plan_pro", (await _client.GetFromJsonAsync<JsonElement>("/api/v1/billing")).GetProperty("plan").GetProperty("id").GetString());

        var now = await (await _client.PostAsJsonAsync("/api/v1/billing/cancel", new { immediate = true })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("canceled", now.GetProperty("subscription").GetProperty("status").GetString());
        Assert.Equal("plan_free", (await _client.GetFromJsonAsync<JsonElement>("/api/v1/billing")).GetProperty("plan").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Offline_checkout_and_portal_send_the_user_to_the_portals_billing_page()
    {
        var checkout = await (await _client.PostAsJsonAsync("/api/v1/billing/checkout", new { planId = "plan_pro" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("https://portal.test/billing?planId=plan_pro", checkout.GetProperty("url").GetString());
        var portal = await (await _client.PostAsync("/api/v1/billing/portal", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("https://portal.test/billing", portal.GetProperty("url").GetString());
    }

    private async Task SubscribeAsync(string planId)
    {
        Assert.Equal(HttpStatusCode.OK, (await _client.PutAsJsonAsync("/api/v1/billing/payment-method", new { type = "invoice" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _client.PostAsJsonAsync("/api/v1/billing/subscribe", new { planId })).StatusCode);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }
}

using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AudioPortal.TestSupport;

/// <summary>One request Stripe.net made: method, path and the decoded form fields (<c>items[0][price]</c> …).</summary>
public sealed record StripeCall(string Method, string Path, IReadOnlyDictionary<string, string> Form, string Query)
{
    public override string ToString() => $"{Method} {Path}";
}

/// <summary>
/// A small Stripe on 127.0.0.1: records every request and answers with Stripe-shaped JSON built from the fixtures
/// of Stripe's API mock, holding just enough state (one customer, one subscription, invoices) for the provider's
/// flows. Tests point Stripe.net at it with <c>Stripe:ApiBase</c>.
/// </summary>
public sealed class FakeStripeServer : IAsyncDisposable
{
    public const string CustomerId = "cus_fake1";
    public const string SubscriptionId = "sub_fake1";
    public const string ItemId = "si_fake1";
    public const string ScheduleId = "sub_sched_fake1";

    private static readonly JsonObject Fixtures = LoadFixtures();
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<StripeCall> _calls = new();

    public FakeStripeServer()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.Run(HandleAsync);
        _app.StartAsync().GetAwaiter().GetResult();
        Url = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public string Url { get; }

    public IReadOnlyList<StripeCall> Calls => _calls.ToList();

    /// <summary>The subscription as Stripe currently holds it (tests change it to simulate Stripe-side changes).</summary>
    public JsonObject? Subscription { get; set; }

    public Dictionary<string, JsonObject> Invoices { get; } = [];

    public static readonly DateTimeOffset Start = new(2026, 3, 15, 10, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset End = new(2026, 4, 15, 10, 0, 0, TimeSpan.Zero);

    public long PeriodStart { get; } = Start.ToUnixTimeSeconds();

    public long PeriodEnd { get; } = End.ToUnixTimeSeconds();

    public void ClearCalls() => _calls.Clear();

    /// <summary>A copy of a fixture object by its Stripe type name (<c>subscription</c>, <c>invoice</c>, …).</summary>
    public static JsonObject Fixture(string type) => Fixtures[type]!.DeepClone().AsObject();

    /// <summary>A Stripe subscription with one licensed item on <paramref name="priceId"/>.</summary>
    public JsonObject MakeSubscription(string priceId, string status = "active", string? accountId = null)
    {
        var s = Fixture("subscription");
        s["id"] = SubscriptionId;
        s["customer"] = CustomerId;
        s["status"] = status;
        s["cancel_at_period_end"] = false;
        s["cancel_at"] = null;
        s["canceled_at"] = null;
        s["ended_at"] = null;
        s["schedule"] = null;
        s["billing_cycle_anchor"] = PeriodStart;
        s["created"] = PeriodStart;
        s["metadata"] = accountId is null ? new JsonObject() : new JsonObject { ["accountId"] = accountId };
        var item = s["items"]!["data"]![0]!.AsObject();
        item["id"] = ItemId;
        item["subscription"] = SubscriptionId;
        item["price"]!["id"] = priceId;
        item["current_period_start"] = PeriodStart;
        item["current_period_end"] = PeriodEnd;
        item.Remove("plan");
        return s;
    }

    public JsonObject MakeInvoice(string id, string status, long total, bool attempted)
    {
        var i = Fixture("invoice");
        i["id"] = id;
        i["customer"] = CustomerId;
        i["status"] = status;
        i["total"] = total;
        i["amount_due"] = total;
        i["attempted"] = attempted;
        i["number"] = "FAKE-" + id[^4..];
        i["due_date"] = null;
        i["created"] = PeriodStart;
        i["period_start"] = PeriodStart;
        i["period_end"] = PeriodEnd;
        i["invoice_pdf"] = $"https://pay.stripe.test/invoice/{id}/pdf";
        return i;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        if (request.HasFormContentType)
        {
            foreach (var (key, value) in await request.ReadFormAsync())
            {
                form[key] = value.ToString();
            }
        }

        var path = request.Path.Value ?? "";
        _calls.Enqueue(new StripeCall(request.Method, path, form, request.QueryString.Value ?? ""));
        var (status, body) = Answer(request.Method, path, form);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    private (int Status, JsonNode Body) Answer(string method, string path, Dictionary<string, string> form)
    {
        lock (this)
        {
            switch (method, path)
            {
                case ("POST", "/v1/customers"):
                    var customer = Fixture("customer");
                    customer["id"] = CustomerId;
                    customer["email"] = form.GetValueOrDefault("email");
                    return (200, customer);
                case ("POST", "/v1/subscriptions"):
                    Subscription = MakeSubscription(form["items[0][price]"], accountId: form.GetValueOrDefault("metadata[accountId]"));
                    return (200, Subscription);
                case ("GET", "/v1/subscriptions/" + SubscriptionId) when Subscription is not null:
                    return (200, Subscription);
                case ("POST", "/v1/subscriptions/" + SubscriptionId) when Subscription is not null:
                    if (form.TryGetValue("items[0][price]", out var price))
                    {
                        Subscription["items"]!["data"]![0]!["price"]!["id"] = price;
                    }

                    if (form.TryGetValue("cancel_at_period_end", out var cancel))
                    {
                        Subscription["cancel_at_period_end"] = cancel == "true";
                    }

                    return (200, Subscription);
                case ("DELETE", "/v1/subscriptions/" + SubscriptionId) when Subscription is not null:
                    Subscription["status"] = "canceled";
                    Subscription["canceled_at"] = PeriodStart + 86400;
                    return (200, Subscription);
                case ("POST", "/v1/subscription_schedules"):
                case ("POST", "/v1/subscription_schedules/" + ScheduleId):
                    var schedule = Fixture("subscription_schedule");
                    schedule["id"] = ScheduleId;
                    schedule["customer"] = CustomerId;
                    schedule["subscription"] = SubscriptionId;
                    schedule["current_phase"] = new JsonObject { ["start_date"] = PeriodStart, ["end_date"] = PeriodEnd };
                    if (Subscription is not null)
                    {
                        Subscription["schedule"] = ScheduleId;
                    }

                    return (200, schedule);
                case ("POST", "/v1/checkout/sessions"):
                    var session = Fixture("checkout.session");
                    session["id"] = "cs_fake1";
                    session["customer"] = form.GetValueOrDefault("customer");
                    session["url"] = "https://checkout.stripe.test/c/pay/cs_fake1";
                    return (200, session);
                case ("POST", "/v1/billing_portal/sessions"):
                    var portal = Fixture("billing_portal.session");
                    portal["customer"] = form.GetValueOrDefault("customer");
                    portal["url"] = "https://billing.stripe.test/p/session/fake1";
                    return (200, portal);
                case ("POST", "/v1/billing/meter_events"):
                    var meterEvent = Fixture("billing.meter_event");
                    meterEvent["event_name"] = form.GetValueOrDefault("event_name");
                    meterEvent["identifier"] = form.GetValueOrDefault("identifier");
                    return (200, meterEvent);
                case ("GET", _) when path.StartsWith("/v1/invoices/", StringComparison.Ordinal) && Invoices.TryGetValue(path["/v1/invoices/".Length..], out var invoice):
                    return (200, invoice);
                default:
                    return (404, new JsonObject
                    {
                        ["error"] = new JsonObject { ["type"] = "invalid_request_error", ["message"] = $"No fake for {method} {path}" },
                    });
            }
        }
    }

    private static JsonObject LoadFixtures()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AudioPortal.sln")))
        {
            dir = dir.Parent;
        }

        var file = Path.Combine(dir?.FullName ?? throw new InvalidOperationException("AudioPortal.sln not found"), "tests", "Shared", "stripe-fixtures.json");
        return JsonNode.Parse(File.ReadAllText(file))!["resources"]!.AsObject();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

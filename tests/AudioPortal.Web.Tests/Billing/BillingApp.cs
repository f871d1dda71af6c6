using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AudioPortal.Core.Accounts;
using AudioPortal.Core.Billing;
using AudioPortal.Core.Data;
using AudioPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace AudioPortal.Web.Tests.Billing;

/// <summary>The real app with a fake clock and its billing timer off, so tests decide when periods close and usage is reported.</summary>
public sealed class BillingApp : AppFactory
{
    public BillingApp(DateTimeOffset now)
    {
        Clock = new FakeTimeProvider(now);
        Settings["Billing:TimerEnabled"] = "false";
        Settings["Billing:PublicBaseUrl"] = "https://portal.test";
    }

    public FakeTimeProvider Clock { get; }

    /// <summary>The app's warnings and errors.</summary>
    public LogCapture Logs { get; } = new(LogLevel.Warning);

    /// <summary>Points billing at a fake Stripe, with prices for the paid plans and a webhook secret.</summary>
    public BillingApp WithStripe(FakeStripeServer stripe, string webhookSecret)
    {
        Settings["Stripe:SecretKey"] = "sk_test_fake";
        Settings["Stripe:ApiBase"] = stripe.Url.TrimEnd('/');
        Settings["Stripe:WebhookSecret"] = webhookSecret;
        Settings["Stripe:Prices:plan_starter"] = "price_starter";
        Settings["Stripe:Prices:plan_pro"] = "price_pro";
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }

    public async Task<string> NewAccountIdAsync(string planId = "plan_free")
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var account = new Account { PlanId = planId, Email = $"{Guid.NewGuid():N}@example.test", UserName = Guid.NewGuid().ToString("N"), CreatedAt = Clock.GetUtcNow() };
        db.Add(account);
        await db.SaveChangesAsync();
        return account.Id;
    }

    /// <summary>Runs <paramref name="work"/> with a service from a fresh scope, as a request or portal circuit would.</summary>
    public async Task<T> WithAsync<TService, T>(Func<TService, Task<T>> work)
        where TService : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    /// <summary>Runs a job through the usage meter as the worker does: reserve, then commit in the worker's unit of work.</summary>
    public async Task CompleteJobAsync(string accountId, string jobId, double sourceSeconds)
    {
        await using var scope = Services.CreateAsyncScope();
        var meter = scope.ServiceProvider.GetRequiredService<AudioPortal.Core.Billing.IUsageMeter>();
        var reserved = await meter.ReserveAsync(accountId, jobId, sourceSeconds, isTestKey: false, default);
        Assert.True(reserved.IsSuccess, reserved.Error?.ToString());
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await meter.CommitAsync(db, jobId, default);
        await db.SaveChangesAsync();
    }

    /// <summary>Links the account to the fake Stripe's customer, as a completed checkout would.</summary>
    public Task LinkStripeCustomerAsync(string accountId) => WithDbAsync(async db =>
    {
        db.Add(new BillingProfile { AccountId = accountId, StripeCustomerId = FakeStripeServer.CustomerId });
        return await db.SaveChangesAsync();
    });

    /// <summary>A Stripe event of <paramref name="type"/> about <paramref name="dataObject"/>, as Stripe posts it.</summary>
    public static string StripeEvent(string id, string type, JsonObject dataObject, DateTimeOffset created)
    {
        var e = FakeStripeServer.Fixture("event");
        e["id"] = id;
        e["type"] = type;
        e["api_version"] = "2020-08-27"; // deliberately not the library's: accepted (throwOnApiVersionMismatch: false)
        e["created"] = created.ToUnixTimeSeconds();
        e["data"] = new JsonObject { ["object"] = dataObject.DeepClone() };
        return e.ToJsonString();
    }

    /// <summary>Posts <paramref name="body"/> to the Stripe webhook endpoint, signed with <paramref name="secret"/> at <paramref name="signedAt"/>.</summary>
    public static Task<HttpResponseMessage> PostStripeEventAsync(HttpClient client, string body, string secret, DateTimeOffset signedAt)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/billing/stripe/webhook") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Stripe-Signature", Sign(body, secret, signedAt.ToUnixTimeSeconds()));
        return client.SendAsync(request);
    }

    /// <summary>Stripe's webhook signature: <c>t=…,v1=hex(HMAC-SHA256(secret, "{t}.{body}"))</c>.</summary>
    public static string Sign(string body, string secret, long timestamp)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        return $"t={timestamp},v1={Convert.ToHexStringLower(mac)}";
    }
}

using AudioPortal.Core.Data;
using AudioPortal.Core.Sources;
using AudioPortal.Core.Tests.Splits;
using AudioPortal.Core.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AudioPortal.Core.Tests.Webhooks;

/// <summary>The core services with webhook options of the test's choosing, and deliveries written straight into the outbox table.</summary>
public sealed class WebhookTestBench : IAsyncDisposable
{
    public WebhookTestBench(WebhooksOptions options, AddressGuard? guard = null)
    {
        Options = options;
        Services = new SplitsTestServices(overrides: s =>
        {
            s.AddSingleton(options);
            if (guard is not null)
            {
                s.AddSingleton(guard);
            }
        });
    }

    public WebhooksOptions Options { get; }

    private readonly CancellationTokenSource _stopLoop = new();
    private Task _loop = Task.CompletedTask;

    /// <summary>Runs the dispatcher's loop, as the host does, until <see cref="StopLoopAsync"/> or disposal.</summary>
    public void StartLoop() => _loop = Dispatcher.RunAsync(_stopLoop.Token);

    public SplitsTestServices Services { get; }

    public WebhookDispatcher Dispatcher => Services.Provider.GetRequiredService<WebhookDispatcher>();

    /// <summary>A second dispatcher over the same database, as another process would run.</summary>
    public WebhookDispatcher NewDispatcher() => ActivatorUtilities.CreateInstance<WebhookDispatcher>(Services.Provider);

    public Task<string> NewAccountAsync() => Services.NewAccountAsync();

    public async Task<string> AddDeliveryAsync(string accountId, string url)
    {
        await using var scope = Services.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = Services.Clock.GetUtcNow();
        var delivery = new WebhookDelivery
        {
            AccountId = accountId, JobId = "job_test", Event = WebhookEvents.Completed, Url = url, Payload = """{"event":"job.completed"}""",
            CreatedAt = now, NextAttemptAt = now,
        };
        db.Set<WebhookDelivery>().Add(delivery);
        await db.SaveChangesAsync();
        return delivery.Id;
    }

    public async Task<WebhookDelivery> LoadAsync(string id)
    {
        await using var scope = Services.Provider.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<WebhookDelivery>().IgnoreQueryFilters().AsNoTracking().SingleAsync(d => d.Id == id);
    }

    public async Task UpdateAsync(string id, Action<WebhookDelivery> change)
    {
        await using var scope = Services.Provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        change(await db.Set<WebhookDelivery>().IgnoreQueryFilters().SingleAsync(d => d.Id == id));
        await db.SaveChangesAsync();
    }

    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan within, string what)
    {
        var deadline = DateTime.UtcNow + within;
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.True(condition(), "Timed out waiting until " + what);
    }

    /// <summary>Stops the loop; it must end promptly, in-flight attempts included.</summary>
    public async Task StopLoopAsync()
    {
        await _stopLoop.CancelAsync();
        try
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopLoopAsync();
        await Services.DisposeAsync();
    }
}

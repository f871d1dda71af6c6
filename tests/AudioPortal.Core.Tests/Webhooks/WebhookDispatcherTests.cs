using System.Collections.Concurrent;
using System.Net;
using AudioPortal.Core.Data;
using AudioPortal.Core.Sources;
using AudioPortal.Core.Splits;
using AudioPortal.Core.Tests.Sources;
using AudioPortal.Core.Tests.Splits;
using AudioPortal.Core.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AudioPortal.Core.Tests.Webhooks;

public sealed class WebhookDispatcherTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://169.254.169.254/latest")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://10.0.0.1/hook")]
    [InlineData("http://[::ffff:0:127.0.0.1]/hook")]
    [InlineData("http://[64:ff9b::a9fe:a9fe]/latest")]
    [InlineData("http://[2002:a00:1::1]/hook")]
    [InlineData("http://[2001:0:808:808::80ff:fffe]/hook")]
    public async Task A_webhook_to_a_private_address_is_never_connected_when_private_networks_are_not_allowed(string url)
    {
        var connections = new ConcurrentQueue<IPEndPoint>();
        await using var services = new SplitsTestServices(overrides: s =>
        {
            s.AddSingleton(new WebhooksOptions { AllowPrivateNetworks = false, RetrySchedule = [TimeSpan.FromSeconds(1)] });
            s.AddSingleton(new AddressGuard(new DnsHostResolver(), (endPoint, _) =>
            {
                connections.Enqueue(endPoint);
                throw new InvalidOperationException("The guard let a private address through.");
            }));
        });
        var account = await services.NewAccountAsync();
        await using (var scope = services.Provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var job = new SplitJob { AccountId = account, SplitMode = SplitModes.Duration, WebhookUrl = url, CreatedAt = services.Clock.GetUtcNow() };
            await scope.ServiceProvider.GetRequiredService<WebhookOutbox>().AddAsync(db, job, WebhookEvents.Failed, new { status = "failed" }, CancellationToken.None);
            await db.SaveChangesAsync();
        }

        var dispatcher = services.Provider.GetRequiredService<WebhookDispatcher>();
        Assert.Equal(1, await dispatcher.SendDueAsync(CancellationToken.None));

        await using var check = services.Provider.CreateAsyncScope();
        var delivery = await check.ServiceProvider.GetRequiredService<AppDbContext>().Set<WebhookDelivery>().IgnoreQueryFilters().SingleAsync();
        Assert.Empty(connections);
        Assert.Equal(1, delivery.Attempts);
        Assert.Equal(DeliveryStatus.Pending, delivery.Status);
        Assert.Contains("not allowed", delivery.LastError);
    }

    [Fact]
    public async Task A_webhook_host_that_rebinds_to_a_private_address_after_the_create_time_check_is_refused_at_connect_time()
    {
        var connections = new ConcurrentQueue<IPEndPoint>();
        var resolver = new RebindingResolver(IPAddress.Parse("93.184.215.14"), IPAddress.Parse("169.254.169.254"));
        var guard = new AddressGuard(resolver, (endPoint, _) =>
        {
            connections.Enqueue(endPoint);
            throw new InvalidOperationException("The guard let a rebound address through.");
        });
        await using var bench = new WebhookTestBench(new WebhooksOptions { AllowPrivateNetworks = false, RetrySchedule = [TimeSpan.FromMinutes(1)] }, guard);
        Assert.True((await guard.CheckUrlAsync("http://rebind.test/hook", allowPrivateNetworks: false, CancellationToken.None)).IsSuccess);
        var id = await bench.AddDeliveryAsync(await bench.NewAccountAsync(), "http://rebind.test/hook");

        Assert.Equal(1, await bench.Dispatcher.SendDueAsync(CancellationToken.None));

        var delivery = await bench.LoadAsync(id);
        Assert.Empty(connections);
        Assert.Equal(2, resolver.Calls);
        Assert.Equal((DeliveryStatus.Pending, 1), (delivery.Status, delivery.Attempts));
        Assert.Contains("169.254.169.254", delivery.LastError);
    }
}

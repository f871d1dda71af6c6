using AudioPortal.Core.Billing;
using AudioPortal.Core.Data;
using AudioPortal.Core.Billing.Offline;
using AudioPortal.Core.Billing.Stripe;
using AudioPortal.Web.Hosting.Roles;
using Microsoft.Extensions.Options;

namespace AudioPortal.Web.Billing;

/// <summary>
/// The billing clock: on every tick, closes ended offline periods (roll-over, invoices) and reports pending
/// overage to Stripe. Each tick runs in its own scope; a failed tick is logged and retried on the next one.
/// </summary>
public sealed class BillingTimer(IServiceScopeFactory scopes, IOptions<BillingOptions> options, ClusterLeases leases, TimeProvider clock,
    ILogger<BillingTimer> logger, RolesOptions roles, IHostApplicationLifetime lifetime) : BackgroundWorkService(roles, lifetime)
{
    protected override async Task RunWorkAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.TimerEnabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.TimerInterval, clock);
        do
        {
            try
            {
                // One worker of a cluster ticks; another takes over two intervals after it stops.
                if (await leases.TryHoldAsync("Billing", options.Value.TimerInterval * 2, stoppingToken))
                {
                    await TickAsync(stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Billing tick failed; retrying on the next one");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var closed = await scope.ServiceProvider.GetRequiredService<OfflineBillingCycle>().CloseDuePeriodsAsync(cancellationToken);
        if (closed > 0)
        {
            logger.LogInformation("Closed {Count} billing period(s)", closed);
        }

        if (scope.ServiceProvider.GetService<StripeUsageReporter>() is { } reporter)
        {
            await reporter.ReportPendingAsync(cancellationToken);
        }
    }
}

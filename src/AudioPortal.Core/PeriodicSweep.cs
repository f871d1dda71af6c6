using AudioPortal.Core.Data;
using Microsoft.Extensions.Logging;

namespace AudioPortal.Core;

/// <summary>
/// The loop every sweeper runs: sweep at once, then every <c>interval</c> on the host's clock until stopping. A sweep
/// that throws is logged ("{what} sweep failed") and the next one still waits its interval, so a persistent failure
/// cannot spin. Each round first takes the sweeper's cluster lease (named <c>what</c>, held for two intervals), so of
/// several worker processes one sweeps and the others take over only when it is gone.
/// </summary>
public static class PeriodicSweep
{
    public static async Task RunAsync(
        Func<CancellationToken, Task> sweep, TimeSpan interval, string what, ClusterLeases leases, TimeProvider clock, ILogger logger,
        CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (await leases.TryHoldAsync(what, interval * 2, stopping))
                {
                    await sweep(stopping);
                }
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                logger.LogError(e, "{Sweep} sweep failed", what);
            }

            try
            {
                await Task.Delay(interval, clock, stopping);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }
}

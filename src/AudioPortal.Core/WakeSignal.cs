using Microsoft.Extensions.Logging;

namespace AudioPortal.Core;

/// <summary>
/// Wakes a polling background loop early: producers call <see cref="Notify"/> when they add work, the loop waits
/// for a signal or its poll interval (it still polls, for work added by other servers). Each loop's signal is its
/// own subclass, so DI hands every producer the right one.
/// </summary>
public class WakeSignal
{
    private readonly SemaphoreSlim _semaphore = new(0, int.MaxValue);

    public void Notify() => _semaphore.Release();

    /// <summary>
    /// Runs <paramref name="round"/> until <paramref name="stopping"/>: after a round that did nothing (returned 0) it
    /// waits for a signal or <paramref name="pollInterval"/>; a round that throws is logged as "{what} round failed".
    /// </summary>
    public async Task RunRoundsAsync(
        Func<CancellationToken, Task<int>> round, TimeSpan pollInterval, ILogger logger, string what, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            var done = 0;
            try
            {
                done = await round(stopping);
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                logger.LogError(e, "{Loop} round failed", what);
            }

            if (done == 0)
            {
                await WaitAsync(pollInterval, stopping);
            }
        }
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await _semaphore.WaitAsync(timeout, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }
}

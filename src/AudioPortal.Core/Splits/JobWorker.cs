using Microsoft.Extensions.Logging;

namespace AudioPortal.Core.Splits;

/// <summary>
/// The worker pool: <see cref="SplitsOptions.Workers"/> loops that claim and process jobs, plus one loop that takes
/// back expired leases. The host runs <see cref="RunAsync"/> as a background service; cancelling it returns the jobs
/// in flight to the queue. One account holds at most <see cref="SplitsOptions.WorkersPerAccount"/> of this server's
/// workers, so another account's job can always start while it has a backlog.
/// </summary>
public sealed class JobWorker(JobQueue queue, JobRecovery recovery, JobProcessor processor, JobSignal signal, SplitsOptions options, ILogger<JobWorker> logger)
{
    private readonly SemaphoreSlim _claiming = new(1, 1);
    private readonly Dictionary<string, int> _held = [];

    public async Task RunAsync(CancellationToken stopping)
    {
        Directory.CreateDirectory(options.WorkDirectory);
        var loops = Enumerable.Range(0, Math.Max(1, options.Workers)).Select(_ => WorkLoopAsync(stopping)).Append(LeaseLoopAsync(stopping));
        await Task.WhenAll(loops);
    }

    /// <summary>Claims and runs one job if any is waiting; true when one ran. Tests drive the worker with this.</summary>
    public async Task<bool> RunOnceAsync(CancellationToken stopping)
    {
        JobClaim? claim;
        // Claims on this server are made one at a time, so two workers cannot both take an account's last share.
        await _claiming.WaitAsync(stopping);
        try
        {
            List<string> saturated;
            lock (_held)
            {
                saturated = _held.Where(h => h.Value >= options.WorkersPerAccount).Select(h => h.Key).ToList();
            }

            claim = await queue.ClaimNextAsync(saturated, stopping);
            if (claim is null)
            {
                return false;
            }

            Hold(claim.AccountId, +1);
        }
        finally
        {
            _claiming.Release();
        }

        try
        {
            await processor.ProcessAsync(claim, stopping);
        }
        finally
        {
            Hold(claim.AccountId, -1);
            // A freed share may let another worker claim a job it skipped.
            signal.Notify();
        }

        return true;
    }

    private void Hold(string accountId, int change)
    {
        lock (_held)
        {
            var count = _held.GetValueOrDefault(accountId) + change;
            if (count > 0)
            {
                _held[accountId] = count;
            }
            else
            {
                _held.Remove(accountId);
            }
        }
    }

    private async Task WorkLoopAsync(CancellationToken stopping)
    {
        await Task.Yield();
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (!await RunOnceAsync(stopping))
                {
                    await signal.WaitAsync(options.PollInterval, stopping);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                logger.LogError(e, "Job worker round failed");
                await Delay(options.PollInterval, stopping);
            }
        }
    }

    private async Task LeaseLoopAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var requeued = await recovery.RequeueExpiredAsync(stopping);
                if (requeued.Count > 0)
                {
                    logger.LogWarning("Took back {Count} job(s) whose worker stopped renewing or died with this node's previous process: {JobIds}", requeued.Count, string.Join(", ", requeued));
                    for (var i = 0; i < requeued.Count; i++)
                    {
                        signal.Notify();
                    }
                }
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                logger.LogError(e, "Lease recovery round failed");
            }

            await Delay(options.PollInterval, stopping);
        }
    }

    private static async Task Delay(TimeSpan delay, CancellationToken stopping)
    {
        try
        {
            await Task.Delay(delay, stopping);
        }
        catch (OperationCanceledException)
        {
        }
    }
}

using Microsoft.Extensions.Logging;

namespace AudioPortal.Core.Splits;

/// <summary>
/// The worker pool: <see cref="SplitsOptions.Workers"/> loops that claim and process jobs, plus one loop that takes
/// back expired leases. The host runs <see cref="RunAsync"/> as a background service; cancelling it returns the jobs
/// in flight to the queue.
/// </summary>
public sealed class JobWorker(JobQueue queue, JobProcessor processor, JobSignal signal, SplitsOptions options, ILogger<JobWorker> logger)
{
    public async Task RunAsync(CancellationToken stopping)
    {
        Directory.CreateDirectory(options.WorkDirectory);
        var loops = Enumerable.Range(0, Math.Max(1, options.Workers)).Select(_ => WorkLoopAsync(stopping)).Append(LeaseLoopAsync(stopping));
        await Task.WhenAll(loops);
    }

    /// <summary>Claims and runs one job if any is waiting; true when one ran. Tests drive the worker with this.</summary>
    public async Task<bool> RunOnceAsync(CancellationToken stopping)
    {
        var claim = await queue.ClaimNextAsync(stopping);
        if (claim is null)
        {
            return false;
        }

        await processor.ProcessAsync(claim, stopping);
        return true;
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
                var requeued = await queue.RequeueExpiredAsync(stopping);
                if (requeued.Count > 0)
                {
                    logger.LogWarning("Took back {Count} job(s) whose worker stopped renewing: {JobIds}", requeued.Count, string.Join(", ", requeued));
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

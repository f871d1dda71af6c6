namespace AudioPortal.Web.Hosting;

/// <summary>
/// A background service whose work begins once the host has started (the server is listening). The host starts
/// hosted services before the server, and when the server then fails to start (its port is taken, say) the host is
/// disposed without being stopped: work begun before that would run its shutdown path — a last flush, returning claimed
/// jobs — against a disposed service provider and log <see cref="ObjectDisposedException"/>s, or claim jobs on a
/// server that never served. Waiting for the start makes a failed start end every background service quietly.
/// </summary>
public abstract class AfterStartService(IHostApplicationLifetime lifetime) : BackgroundService
{
    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult(true)))
        using (stoppingToken.Register(() => started.TrySetResult(false)))
        {
            if (!await started.Task)
            {
                return;
            }
        }

        await RunAsync(stoppingToken);
    }

    /// <summary>The service's work, from the host's start until <paramref name="stoppingToken"/> is cancelled.</summary>
    protected abstract Task RunAsync(CancellationToken stoppingToken);
}

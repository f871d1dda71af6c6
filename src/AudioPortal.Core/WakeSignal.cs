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

namespace AudioPortal.Audio.Writing;

/// <summary>Runs encoder work items side by side, at most a given number at once, stopping at the first error.</summary>
internal static class ParallelWork
{
    /// <summary>Runs <paramref name="work"/> for each item, at most <paramref name="parallelism"/> at once; the first error stops the rest.</summary>
    public static async Task<AudioError?> RunAsync<T>(
        IReadOnlyList<T> items, int parallelism, Func<T, CancellationToken, Task<AudioError?>> work, CancellationToken ct)
    {
        using var gate = new SemaphoreSlim(Math.Max(1, parallelism));
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var errors = await Task.WhenAll(items.Select(async item =>
        {
            try
            {
                await gate.WaitAsync(failed.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return null; // a sibling failed; its error is the one reported
            }

            try
            {
                // On the thread pool, so the encoders start side by side: starting a process blocks for tens of ms.
                var error = await Task.Run(() => work(item, failed.Token), failed.Token);
                if (error is not null)
                {
                    await failed.CancelAsync();
                }

                return error;
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return null;
            }
            finally
            {
                gate.Release();
            }
        }));
        ct.ThrowIfCancellationRequested();
        return errors.FirstOrDefault(e => e is not null);
    }
}

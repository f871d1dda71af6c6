namespace AudioPortal.Core.Splits;

/// <summary>
/// Receives the engine's progress (0–100, possibly thousands of reports) and writes it to the job at most twice a
/// second, mapped into <c>[offset, 99]</c> — 100 is reserved for the completed job.
/// </summary>
internal sealed class ProgressPump : IProgress<double>, IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);
    private readonly JobClaim _claim;
    private readonly JobCompletion _completion;
    private readonly int _offset;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _latest;
    private int _written;

    public ProgressPump(JobClaim claim, JobCompletion completion, int offset)
    {
        (_claim, _completion, _offset) = (claim, completion, offset);
        _latest = _written = offset;
        _loop = LoopAsync();
    }

    public void Report(double value)
    {
        var mapped = _offset + (int)Math.Floor(Math.Clamp(value, 0, 100) * (99 - _offset) / 100);
        int seen;
        do
        {
            seen = Volatile.Read(ref _latest);
            if (mapped <= seen)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _latest, mapped, seen) != seen);
    }

    public async Task FlushAsync()
    {
        var latest = Volatile.Read(ref _latest);
        if (latest > _written)
        {
            _written = latest;
            await _completion.ProgressAsync(_claim, latest, CancellationToken.None);
        }
    }

    private async Task LoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                await Task.Delay(Interval, _stop.Token);
                await FlushAsync();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}

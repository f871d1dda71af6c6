using AudioPortal.Core.Errors;

namespace AudioPortal.Core.Splits;

/// <summary>
/// One job's processing deadline. Armed with <see cref="SplitsOptions.ProcessingDeadlineBase"/> once the source is in
/// (the download has its own limits), then scaled to the audio's length once the probe knows it; its token cancels the
/// engine, which kills any ffmpeg it runs and deletes the parts it was writing.
/// </summary>
internal sealed class JobDeadline(SplitsOptions options, TimeProvider clock) : IDisposable
{
    private readonly CancellationTokenSource _expiry = new(Timeout.InfiniteTimeSpan, clock);
    private DateTimeOffset _started;

    public CancellationToken Token => _expiry.Token;

    public bool Expired => _expiry.IsCancellationRequested;

    public TimeSpan Budget { get; private set; }

    public void Start()
    {
        _started = clock.GetUtcNow();
        Budget = options.ProcessingDeadlineBase;
        _expiry.CancelAfter(Budget);
    }

    /// <summary>Sets the budget for a source of <paramref name="seconds"/>, counted from <see cref="Start"/>.</summary>
    public void ScaleTo(double seconds)
    {
        Budget = options.ProcessingDeadline(seconds);
        var left = _started + Budget - clock.GetUtcNow();
        _expiry.CancelAfter(left > TimeSpan.Zero ? left : TimeSpan.Zero);
    }

    public AppError Error() => ErrorCatalog.ProcessingTimeout.WithMessage(
        $"Processing did not finish within {Describe(Budget)}, this server's limit for audio of this length, and was stopped.");

    public void Dispose() => _expiry.Dispose();

    private static string Describe(TimeSpan span) => span.TotalSeconds < 120 ? $"{span.TotalSeconds:0.#} s" : $"{span.TotalMinutes:0.#} min";
}

namespace AudioPortal.Core.Sources;

/// <summary>
/// A read-only wrapper that fails a body arriving too slowly: a read that waits longer than the idle timeout, or a
/// window of <c>window</c> in which fewer than <c>minBytesPerSecond × window</c> bytes arrived. The second rule is what
/// stops a "slow loris" that sends one byte just before every idle timeout: each read is also cut off at the end of a
/// window whose quota is not met yet, so a stalled sender is noticed on time, not after its next byte.
/// </summary>
internal sealed class PacedReadStream : Stream
{
    private readonly Stream _inner;
    private readonly TimeSpan _idle;
    private readonly TimeSpan _window;
    private readonly long _quota;
    private readonly TimeProvider _clock;
    private DateTimeOffset _windowEnd;
    private long _windowBytes;

    public PacedReadStream(Stream inner, TimeSpan idle, long minBytesPerSecond, TimeSpan window, TimeProvider clock)
    {
        _inner = inner;
        _idle = idle;
        _window = window;
        _quota = minBytesPerSecond <= 0 || window <= TimeSpan.Zero ? 0 : (long)(minBytesPerSecond * window.TotalSeconds);
        _clock = clock;
        _windowEnd = clock.GetUtcNow() + window;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        CloseElapsedWindows();
        var wait = _idle;
        if (_quota > 0)
        {
            // A met quota lets this read run into the next window, which starts with nothing received.
            var cutoff = _windowBytes >= _quota ? _windowEnd + _window : _windowEnd;
            var untilCutoff = cutoff - _clock.GetUtcNow();
            wait = untilCutoff < wait ? untilCutoff : wait;
        }

        using var timeout = new CancellationTokenSource(wait > TimeSpan.Zero ? wait : TimeSpan.FromTicks(1), _clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        int read;
        try
        {
            read = await _inner.ReadAsync(buffer, linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            CloseElapsedWindows();
            if (wait < _idle)
            {
                // Cut at a window's end (the timer may fire a hair before the clock reaches it): that window fell short.
                // A met quota had let the read run on into the next window, in which nothing arrived.
                throw TooSlow(_windowBytes >= _quota ? 0 : _windowBytes);
            }

            throw new TimeoutException($"The server sent nothing for {_idle.TotalSeconds:0} s.");
        }

        CloseElapsedWindows();
        _windowBytes += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Judges every window that has ended; throws when one fell short of the minimum rate.</summary>
    private void CloseElapsedWindows()
    {
        if (_quota == 0)
        {
            return;
        }

        var now = _clock.GetUtcNow();
        while (now >= _windowEnd)
        {
            if (_windowBytes < _quota)
            {
                throw TooSlow(_windowBytes);
            }

            _windowBytes = 0;
            _windowEnd += _window;
        }
    }

    private TimeoutException TooSlow(long windowBytes) =>
        new($"The server sent {windowBytes} bytes in {_window.TotalSeconds:0.#} s, slower than the minimum of {_quota / _window.TotalSeconds:0} bytes per second.");
}

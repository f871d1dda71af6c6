namespace AudioPortal.Core.Admin;

/// <summary>One failed API request as the operator console lists it: the request id the client was given, and what failed.</summary>
public sealed record RecentError(DateTimeOffset At, string RequestId, int Status, string Code, string Method, string Path, string? AccountId);

/// <summary>
/// The last <see cref="AdminOptions.RecentErrors"/> failed API requests, in memory: every error envelope the API writes
/// is recorded here, so an operator can look up the <c>requestId</c> a customer quotes. Nothing is stored on disk
/// (the request log already is); the ring starts empty at each start and on each server of a cluster.
/// </summary>
public sealed class RecentErrors(AdminOptions options)
{
    private readonly Queue<RecentError> _entries = new();
    private readonly Lock _gate = new();

    public void Record(RecentError error)
    {
        lock (_gate)
        {
            _entries.Enqueue(error);
            while (_entries.Count > options.RecentErrors)
            {
                _entries.Dequeue();
            }
        }
    }

    /// <summary>Newest first; only those whose request id starts with <paramref name="requestId"/> when it is given.</summary>
    public IReadOnlyList<RecentError> List(string? requestId = null, int limit = 100)
    {
        lock (_gate)
        {
            return _entries.Reverse()
                .Where(e => string.IsNullOrEmpty(requestId) || e.RequestId.StartsWith(requestId, StringComparison.OrdinalIgnoreCase))
                .Take(limit)
                .ToList();
        }
    }
}

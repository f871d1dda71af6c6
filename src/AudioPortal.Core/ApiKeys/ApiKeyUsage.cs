using System.Collections.Concurrent;
using AudioPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AudioPortal.Core.ApiKeys;

/// <summary>
/// Counts key uses in memory so a request costs no database write; <see cref="FlushAsync"/> (run every few
/// seconds by the host, and at shutdown) adds the counts to <c>usageCount</c> and moves <c>lastUsedAt</c>.
/// Views add the pending counts, so the API shows current numbers between flushes.
/// </summary>
public sealed class ApiKeyUsage
{
    private readonly ConcurrentDictionary<string, Tally> _pending = new(StringComparer.Ordinal);

    public void Record(string keyId, DateTimeOffset at) =>
        _pending.AddOrUpdate(keyId, _ => new Tally(1, at), (_, t) => new Tally(t.Count + 1, at > t.LastUsedAt ? at : t.LastUsedAt));

    public (long Count, DateTimeOffset? LastUsedAt) Pending(string keyId) =>
        _pending.TryGetValue(keyId, out var t) ? (t.Count, t.LastUsedAt) : (0, null);

    /// <summary>Writes the pending counts; a key whose write fails keeps its count for the next flush.</summary>
    public async Task<int> FlushAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        var written = 0;
        foreach (var keyId in _pending.Keys)
        {
            if (!_pending.TryRemove(keyId, out var tally))
            {
                continue;
            }

            try
            {
                // System work across accounts: the tenant filter does not apply.
                await db.Set<ApiKey>().IgnoreQueryFilters().Where(k => k.Id == keyId).ExecuteUpdateAsync(s => s
                    .SetProperty(k => k.UsageCount, k => k.UsageCount + tally.Count)
                    .SetProperty(k => k.LastUsedAt, k => k.LastUsedAt == null || k.LastUsedAt < tally.LastUsedAt ? tally.LastUsedAt : k.LastUsedAt),
                    cancellationToken);
                written++;
            }
            catch
            {
                _pending.AddOrUpdate(keyId, tally, (_, t) => new Tally(t.Count + tally.Count, t.LastUsedAt > tally.LastUsedAt ? t.LastUsedAt : tally.LastUsedAt));
                throw;
            }
        }

        return written;
    }

    private sealed record Tally(long Count, DateTimeOffset LastUsedAt);
}

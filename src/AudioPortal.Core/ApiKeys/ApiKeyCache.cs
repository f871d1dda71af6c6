using System.Collections.Concurrent;

namespace AudioPortal.Core.ApiKeys;

/// <summary>
/// Accepted keys, remembered for a few seconds so a busy client costs no database lookup per request (the lookup
/// and its join were a large part of a GET's time). Entries are keyed by the key's SHA-256, never the key itself.
/// <para>
/// Staleness is bounded two ways. Inside this process every write to the keys or accounts tables clears the cache
/// (<see cref="ApiKeyCacheInvalidator"/> watches the commands), so a revoke, rotate, scope change, plan change or
/// account deletion is seen by the very next request. A write from another process (the operator CLI) is seen once
/// the entry's <see cref="ApiKeyCacheOptions.CacheSeconds"/> have passed. Only acceptances are cached; refusals always
/// go to the database, so a flood of bad keys cannot fill memory.
/// </para>
/// </summary>
public sealed class ApiKeyCache(ApiKeyCacheOptions options, TimeProvider clock)
{
    /// <summary>Far more than the keys that are busy at once; past it the cache starts over rather than evicting.</summary>
    public const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _generation;

    public bool Enabled => options.CacheSeconds > 0;

    /// <summary>Read before a database lookup and handed back to <see cref="Store"/>, so a clear that happens meanwhile wins.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>The identity of a key accepted recently, unless the entry is old or the key has expired since.</summary>
    public bool TryGet(string hash, out ApiKeyIdentity identity)
    {
        identity = null!;
        if (!_entries.TryGetValue(hash, out var entry))
        {
            return false;
        }

        var now = clock.GetUtcNow();
        if (now >= entry.CachedUntil || entry.KeyExpiresAt <= now)
        {
            // The database says why (an expired key's message names the time), and refreshes the entry.
            _entries.TryRemove(KeyValuePair.Create(hash, entry));
            return false;
        }

        identity = entry.Identity;
        return true;
    }

    /// <summary>Remembers an acceptance read from the database at <paramref name="generationBeforeLookup"/>.</summary>
    public void Store(string hash, ApiKeyIdentity identity, DateTimeOffset? keyExpiresAt, long generationBeforeLookup)
    {
        if (!Enabled || Generation != generationBeforeLookup)
        {
            return;
        }

        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        var entry = new Entry(identity, keyExpiresAt ?? DateTimeOffset.MaxValue, clock.GetUtcNow().AddSeconds(options.CacheSeconds));
        _entries[hash] = entry;

        // A clear that ran between the check above and the write must not leave this (possibly stale) entry behind.
        if (Generation != generationBeforeLookup)
        {
            _entries.TryRemove(KeyValuePair.Create(hash, entry));
        }
    }

    /// <summary>Forgets every entry: called whenever keys or accounts change.</summary>
    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }

    private sealed record Entry(ApiKeyIdentity Identity, DateTimeOffset KeyExpiresAt, DateTimeOffset CachedUntil);
}

using System.Collections.Concurrent;
using AudioPortal.Core;
using AudioPortal.Core.Splits;

namespace AudioPortal.Web.Portal;

/// <summary>
/// Uploads the portal has streamed into storage and not yet turned into jobs, by an opaque id handed to the
/// browser. The id alone is not enough: a lookup must name the owning account, so one user cannot claim
/// another's upload. Entries left behind (a closed tab) are discarded by the page or expire after a day.
/// </summary>
public sealed class PortalUploads(TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);
    private readonly ConcurrentDictionary<string, Entry> _entries = new();

    public string Add(string accountId, StagedUpload upload)
    {
        Prune();
        var id = Ids.New("upl");
        _entries[id] = new Entry(accountId, upload, clock.GetUtcNow() + Lifetime);
        return id;
    }

    /// <summary>The upload if it exists and belongs to <paramref name="accountId"/>.</summary>
    public StagedUpload? Find(string accountId, string uploadId) =>
        _entries.TryGetValue(uploadId, out var entry) && entry.AccountId == accountId && entry.ExpiresAt > clock.GetUtcNow() ? entry.Upload : null;

    /// <summary>Forgets the upload (it became a job's source, or was discarded).</summary>
    public StagedUpload? Take(string accountId, string uploadId)
    {
        if (Find(accountId, uploadId) is null)
        {
            return null;
        }

        return _entries.TryRemove(uploadId, out var entry) ? entry.Upload : null;
    }

    /// <summary>Expired entries are forgotten; their blobs sit under the account's uploads folder until swept.</summary>
    private void Prune()
    {
        var now = clock.GetUtcNow();
        foreach (var (id, entry) in _entries)
        {
            if (entry.ExpiresAt <= now)
            {
                _entries.TryRemove(id, out _);
            }
        }
    }

    private sealed record Entry(string AccountId, StagedUpload Upload, DateTimeOffset ExpiresAt);
}

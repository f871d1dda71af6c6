using AudioPortal.Core.Accounts;
using AudioPortal.Core.Data;
using AudioPortal.Core.Errors;
using Microsoft.EntityFrameworkCore;

namespace AudioPortal.Core.ApiKeys;

/// <summary>
/// Looks keys up across accounts, before anyone is signed in: authentication of a presented key and the
/// operator's revoke by id. Everything else goes through <see cref="ApiKeyService"/> and the tenant filter.
/// </summary>
public sealed class ApiKeyDirectory(AppDbContext db, ApiKeyUsage usage, TimeProvider clock, ApiKeyCache? cache = null)
{
    /// <summary>
    /// Unknown or malformed → UNAUTHORIZED; revoked, rotated away or expired → KEY_REVOKED (saying which).
    /// An accepted key's use is counted in memory. Acceptances are remembered briefly (<see cref="ApiKeyCache"/>).
    /// </summary>
    public async Task<Result<ApiKeyIdentity>> AuthenticateAsync(string presented, CancellationToken cancellationToken = default)
    {
        if (KeyHasher.PrefixOf(presented) is not { } prefix)
        {
            return ErrorCatalog.Unauthorized.WithMessage("The API key is not valid.");
        }

        var hash = KeyHasher.Hash(presented);
        if (cache is not null && cache.TryGet(hash, out var known))
        {
            usage.Record(known.KeyId, clock.GetUtcNow());
            return known;
        }

        var generation = cache?.Generation ?? 0;
        var candidates = await db.Set<ApiKey>().IgnoreQueryFilters()
            .Where(k => k.Prefix == prefix || k.PreviousPrefix == prefix)
            .Join(db.Set<Account>(), k => k.AccountId, a => a.Id, (k, a) => new { Key = k, a.PlanId, a.DeletedAt, a.DisabledAt })
            .ToListAsync(cancellationToken);

        var now = clock.GetUtcNow();
        foreach (var c in candidates)
        {
            if (KeyHasher.Matches(presented, c.Key.Hash))
            {
                if (c.Key.RevokedAt is not null || c.DeletedAt is not null)
                {
                    return ErrorCatalog.KeyRevoked.ToError();
                }

                if (c.DisabledAt is not null)
                {
                    return ErrorCatalog.KeyRevoked.WithMessage("The account that owns this API key is disabled.");
                }

                if (c.Key.ExpiresAt is { } expiresAt && expiresAt <= now)
                {
                    return ErrorCatalog.KeyRevoked.WithMessage($"This API key expired at {expiresAt.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}.");
                }

                usage.Record(c.Key.Id, now);
                var identity = new ApiKeyIdentity(c.Key.Id, c.Key.AccountId, c.PlanId, c.Key.ScopeSet, c.Key.IsTest);
                cache?.Store(hash, identity, c.Key.ExpiresAt, generation);
                return identity;
            }

            if (KeyHasher.Matches(presented, c.Key.PreviousHash))
            {
                return ErrorCatalog.KeyRevoked.WithMessage("This API key was rotated; use the new key.");
            }
        }

        return ErrorCatalog.Unauthorized.WithMessage("The API key is not valid.");
    }

    /// <summary>The account that owns a key (revoked or not), for operator tools; null when there is no such key.</summary>
    public Task<string?> FindOwnerAsync(string keyId, CancellationToken cancellationToken = default) =>
        db.Set<ApiKey>().IgnoreQueryFilters().Where(k => k.Id == keyId).Select(k => k.AccountId).FirstOrDefaultAsync(cancellationToken);
}

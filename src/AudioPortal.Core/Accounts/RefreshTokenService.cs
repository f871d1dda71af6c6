using System.Security.Cryptography;
using System.Text;
using AudioPortal.Core.Data;
using AudioPortal.Core.Errors;
using Microsoft.EntityFrameworkCore;

namespace AudioPortal.Core.Accounts;

/// <summary>A refresh token just issued (shown once) and the account it belongs to.</summary>
public sealed record IssuedRefreshToken(string AccountId, string Token, DateTimeOffset ExpiresAt);

/// <summary>
/// Rotating refresh tokens: each exchange marks the presented token used and issues its successor in the same
/// family. A used token presented again revokes the whole family (the thief and the owner both sign in again).
/// Each token remembers (a hash of) the account's security stamp: once the stamp changes, every older token is
/// refused and revoked, whichever path changed it. A locked-out or deleted account cannot refresh.
/// System work before anyone is signed in, so queries skip the tenant filter.
/// </summary>
public sealed class RefreshTokenService(AppDbContext db, TimeProvider clock)
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static TimeSpan Lifetime { get; } = TimeSpan.FromDays(30);

    public Task<IssuedRefreshToken> IssueAsync(string accountId, CancellationToken cancellationToken = default) =>
        IssueAsync(accountId, Ids.New("rtf"), cancellationToken);

    public async Task<Result<IssuedRefreshToken>> RedeemAsync(string? token, CancellationToken cancellationToken = default)
    {
        var invalid = ErrorCatalog.Unauthorized.WithMessage("The refresh token is not valid; sign in again.");
        if (string.IsNullOrWhiteSpace(token))
        {
            return invalid;
        }

        var hash = Hash(token);
        var stored = await Tokens().AsNoTracking().FirstOrDefaultAsync(t => t.Hash == hash, cancellationToken);
        if (stored is null || stored.RevokedAt is not null)
        {
            return invalid;
        }

        var now = clock.GetUtcNow();
        if (stored.ExpiresAt <= now)
        {
            return ErrorCatalog.Unauthorized.WithMessage("The refresh token has expired; sign in again.");
        }

        var account = await Standing(stored.AccountId).FirstOrDefaultAsync(cancellationToken);
        var currentStamp = StampHash(account?.SecurityStamp);
        var gone = account is null || account.DeletedAt is not null || account.DisabledAt is not null;
        if (gone || !FixedTimeEquals(currentStamp, stored.StampHash))
        {
            // The stamp moved on (new password, reset, sign-out everywhere, deletion): nothing issued before it counts.
            // Tokens issued since (a fresh sign-in) keep working: a stale token must not end the owner's new sessions.
            await Tokens().Where(t => t.AccountId == stored.AccountId && t.RevokedAt == null && (gone || t.StampHash != currentStamp))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
            return ErrorCatalog.Unauthorized.WithMessage("The refresh token is no longer valid; sign in again.");
        }

        // Checked before the token is claimed, so the same token works again once the lockout is over.
        if (account!.LockoutEnd > now)
        {
            return ErrorCatalog.Unauthorized.WithMessage("Too many failed sign-ins; the account is locked for a few minutes.");
        }

        // One conditional update claims the token, so two racing exchanges cannot both succeed.
        var claimed = stored.UsedAt is null && await Tokens()
            .Where(t => t.Id == stored.Id && t.UsedAt == null && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), cancellationToken) == 1;
        if (!claimed)
        {
            await Tokens().Where(t => t.FamilyId == stored.FamilyId && t.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
            return ErrorCatalog.Unauthorized.WithMessage("This refresh token was already used; every session it started has been ended. Sign in again.");
        }

        return await IssueAsync(stored.AccountId, stored.FamilyId, cancellationToken);
    }

    /// <summary>Ends every refresh token of the account (any change of its security stamp; see <see cref="AccountUserStore"/>).</summary>
    public Task<int> RevokeAllAsync(string accountId, CancellationToken cancellationToken = default) =>
        Tokens().Where(t => t.AccountId == accountId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, clock.GetUtcNow()), cancellationToken);

    private async Task<IssuedRefreshToken> IssueAsync(string accountId, string familyId, CancellationToken cancellationToken)
    {
        var stamp = await Standing(accountId).Select(a => a.SecurityStamp).FirstOrDefaultAsync(cancellationToken);
        var token = "rt_" + RandomNumberGenerator.GetString(Alphabet, 43);
        var now = clock.GetUtcNow();
        var row = new RefreshToken
        {
            AccountId = accountId, FamilyId = familyId, Hash = Hash(token), StampHash = StampHash(stamp), CreatedAt = now, ExpiresAt = now + Lifetime,
        };
        db.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(row).State = EntityState.Detached;
        return new IssuedRefreshToken(accountId, token, row.ExpiresAt);
    }

    private IQueryable<RefreshToken> Tokens() => db.Set<RefreshToken>().IgnoreQueryFilters();

    private IQueryable<Account> Standing(string accountId) => db.Set<Account>().IgnoreQueryFilters().AsNoTracking().Where(a => a.Id == accountId);

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>A missing stamp hashes like an empty one; an account always has one, so such a token never matches a live stamp.</summary>
    private static string StampHash(string? stamp) => Hash("stamp:" + stamp);

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));
}

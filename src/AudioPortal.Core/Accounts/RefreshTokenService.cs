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

    /// <summary>Ends every refresh token of the account (password change, account deletion).</summary>
    public Task<int> RevokeAllAsync(string accountId, CancellationToken cancellationToken = default) =>
        Tokens().Where(t => t.AccountId == accountId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, clock.GetUtcNow()), cancellationToken);

    private async Task<IssuedRefreshToken> IssueAsync(string accountId, string familyId, CancellationToken cancellationToken)
    {
        var token = "rt_" + RandomNumberGenerator.GetString(Alphabet, 43);
        var now = clock.GetUtcNow();
        var row = new RefreshToken { AccountId = accountId, FamilyId = familyId, Hash = Hash(token), CreatedAt = now, ExpiresAt = now + Lifetime };
        db.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(row).State = EntityState.Detached;
        return new IssuedRefreshToken(accountId, token, row.ExpiresAt);
    }

    private IQueryable<RefreshToken> Tokens() => db.Set<RefreshToken>().IgnoreQueryFilters();

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

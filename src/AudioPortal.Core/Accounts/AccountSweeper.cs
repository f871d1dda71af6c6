using System.Reflection;
using AudioPortal.Core.Data;
using AudioPortal.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AudioPortal.Core.Accounts;

/// <summary>
/// Deletes export files past their retention and erases deleted accounts once their grace period is over: every
/// row of every <see cref="IAccountOwned"/> table (found from the model, so a new feature's table is covered
/// without editing this) but the <see cref="IBillingRecord"/>s, and the Identity user's claims, logins and tokens. An
/// account with billing records keeps its row, anonymised (<see cref="AccountAnonymiser"/>), until
/// <see cref="RetentionOptions.BillingRecordYears"/> after the deletion, when the records and the row go too.
/// </summary>
public sealed class AccountSweeper(
    IServiceScopeFactory scopes, IBlobStore store, AccountsOptions options, RetentionOptions retention, ClusterLeases leases, TimeProvider clock,
    ILogger<AccountSweeper> logger)
{
    private static readonly MethodInfo DeleteOwnedMethod = typeof(AccountSweeper).GetMethod(nameof(DeleteOwnedAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    public Task RunAsync(CancellationToken stopping) =>
        PeriodicSweep.RunAsync(SweepAsync, options.SweepInterval, "Account", leases, clock, logger, stopping);

    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow();

        var exports = db.Set<AccountExport>().IgnoreQueryFilters();
        var expired = await exports.AsNoTracking().Where(e => e.ExpiresAt < now && e.FilesDeletedAt == null && e.BlobKey != null)
            .OrderBy(e => e.ExpiresAt) // oldest first; an unordered batch is also what EF warns about at every start
            .Select(e => new { e.Id, e.BlobKey }).Take(500).ToListAsync(cancellationToken);
        foreach (var export in expired)
        {
            await store.DeleteAsync(export.BlobKey!);
            await exports.Where(e => e.Id == export.Id).ExecuteUpdateAsync(set => set.SetProperty(e => e.FilesDeletedAt, now), cancellationToken);
        }

        var deleted = await db.Users.AsNoTracking().Where(a => a.DeletedAt != null && a.ErasedAt == null)
            .OrderBy(a => a.DeletedAt).Select(a => new { a.Id, a.DeletedAt }).Take(500).ToListAsync(cancellationToken);
        foreach (var account in deleted)
        {
            // Again on every sweep: a job that was processing when the account was deleted may have written parts since.
            await store.DeletePrefixAsync(account.Id);
            if (account.DeletedAt + options.HardDeleteAfter <= now)
            {
                await EraseAsync(db, account.Id, cancellationToken);
            }
        }

        var billingCutoff = now.AddYears(-retention.BillingRecordYears);
        var past = await db.Users.AsNoTracking().Where(a => a.ErasedAt != null && a.DeletedAt <= billingCutoff)
            .OrderBy(a => a.DeletedAt).Select(a => a.Id).Take(500).ToListAsync(cancellationToken);
        foreach (var accountId in past)
        {
            await DeleteAllAsync(db, OwnedTypes(db, billing: true), accountId, cancellationToken);
            await db.Users.Where(a => a.Id == accountId).ExecuteDeleteAsync(cancellationToken);
            logger.LogInformation("Accounts: removed the billing records of account {AccountId}, deleted {Years} years ago", accountId, retention.BillingRecordYears);
        }

        if (expired.Count > 0)
        {
            logger.LogInformation("Accounts: removed {Exports} expired export file(s)", expired.Count);
        }
    }

    /// <summary>
    /// Erases every row of the account but its billing records. Tables that hang off an owned table (segments, invoice
    /// lines) go by cascade. The account row goes too when no billing record is left, else it stays anonymised.
    /// </summary>
    public async Task EraseAsync(AppDbContext db, string accountId, CancellationToken cancellationToken)
    {
        await DeleteAllAsync(db, OwnedTypes(db, billing: false), accountId, cancellationToken);
        await db.UserClaims.Where(c => c.UserId == accountId).ExecuteDeleteAsync(cancellationToken);
        await db.UserLogins.Where(l => l.UserId == accountId).ExecuteDeleteAsync(cancellationToken);
        await db.UserTokens.Where(t => t.UserId == accountId).ExecuteDeleteAsync(cancellationToken);
        await db.UserRoles.Where(r => r.UserId == accountId).ExecuteDeleteAsync(cancellationToken);

        if (await AccountAnonymiser.HasBillingRecordsAsync(db, OwnedTypes(db, billing: true), accountId, cancellationToken))
        {
            await AccountAnonymiser.AnonymiseAsync(db, accountId, clock.GetUtcNow(), cancellationToken);
            logger.LogInformation("Accounts: erased deleted account {AccountId}; its billing records are kept without personal data", accountId);
            return;
        }

        await db.Users.Where(a => a.Id == accountId).ExecuteDeleteAsync(cancellationToken);
        logger.LogInformation("Accounts: erased deleted account {AccountId}", accountId);
    }

    /// <summary>The account-owned tables of the model: the billing records, or all the others.</summary>
    private static List<Type> OwnedTypes(AppDbContext db, bool billing) => db.Model.GetEntityTypes()
        .Where(t => typeof(IAccountOwned).IsAssignableFrom(t.ClrType) && t.BaseType is null && !t.IsOwned())
        .Select(t => t.ClrType).Distinct().Where(t => typeof(IBillingRecord).IsAssignableFrom(t) == billing).ToList();

    private static async Task DeleteAllAsync(AppDbContext db, List<Type> types, string accountId, CancellationToken cancellationToken)
    {
        foreach (var type in types)
        {
            await (Task<int>)DeleteOwnedMethod.MakeGenericMethod(type).Invoke(null, [db, accountId, cancellationToken])!;
        }
    }

    private static Task<int> DeleteOwnedAsync<T>(AppDbContext db, string accountId, CancellationToken cancellationToken)
        where T : class, IAccountOwned =>
        db.Set<T>().IgnoreQueryFilters().Where(e => e.AccountId == accountId).ExecuteDeleteAsync(cancellationToken);
}

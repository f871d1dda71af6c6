using AudioPortal.Core.ApiKeys;
using AudioPortal.Core.Billing;
using AudioPortal.Core.Data;
using AudioPortal.Core.Errors;
using AudioPortal.Core.Splits;
using AudioPortal.Core.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AudioPortal.Core.Accounts;

/// <summary>What a deletion answers: when the remaining rows will be erased.</summary>
public sealed record AccountDeletion(string Message, DateTimeOffset DeletionScheduledAt);

/// <summary>
/// Deletes the current account (API.md §8). At once: API keys revoked, refresh tokens ended, every stored file
/// removed, jobs marked deleted, webhooks off, sign-in refused (deleted + locked out + new security stamp, which also
/// ends JWTs and portal sessions). The rows themselves are erased by <see cref="AccountSweeper"/> after
/// <see cref="AccountsOptions.HardDeleteAfter"/>, so a mistaken deletion can still be investigated by an operator; invoices
/// and usage records stay after that, without personal data, for <see cref="RetentionOptions.BillingRecordYears"/>.
/// </summary>
public sealed class AccountDeletionService(
    AppDbContext db, ICurrentAccount current, UserManager<Account> users, BillingService billing, RefreshTokenService refreshTokens,
    IBlobStore store, AccountsOptions options, RetentionOptions retention, TimeProvider clock)
{
    /// <summary>The exact text the caller must send (case and spacing as written).</summary>
    public const string ConfirmationText = "DELETE MY ACCOUNT";

    public async Task<Result<AccountDeletion>> DeleteAsync(string? confirmation, CancellationToken cancellationToken)
    {
        if (current.AccountId is not { } accountId)
        {
            return ErrorCatalog.Unauthorized.ToError();
        }

        if (!string.Equals(confirmation, ConfirmationText, StringComparison.Ordinal))
        {
            var message = $"To delete the account, send confirmation: \"{ConfirmationText}\" exactly.";
            return ErrorCatalog.InvalidParams.WithDetails(
                new Dictionary<string, object?> { ["fields"] = new[] { new FieldError("confirmation", message) } }, message);
        }

        // A subscription already set to end at its period's close charges nothing more, so it does not block.
        var overview = await billing.GetOverviewAsync(accountId, cancellationToken);
        if (overview.Subscription is { CancelAtPeriodEnd: false } subscription && !overview.Plan.IsFree)
        {
            return ErrorCatalog.ActiveSubscription.WithDetails(
                new Dictionary<string, object?> { ["subscriptionId"] = subscription.Id, ["planId"] = subscription.PlanId });
        }

        var account = await users.FindByIdAsync(accountId);
        if (account is null || account.DeletedAt is not null)
        {
            return ErrorCatalog.Unauthorized.WithMessage("The account no longer exists.");
        }

        var now = clock.GetUtcNow();
        account.DeletedAt = now;
        account.WebhooksEnabled = false;
        account.LockoutEnabled = true;
        account.LockoutEnd = DateTimeOffset.MaxValue;
        var updated = await users.UpdateSecurityStampAsync(account); // saves the fields above too
        if (!updated.Succeeded)
        {
            throw new InvalidOperationException("Could not mark the account deleted: " + string.Join("; ", updated.Errors.Select(e => e.Description)));
        }

        await db.Set<ApiKey>().IgnoreQueryFilters().Where(k => k.AccountId == accountId && k.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(k => k.RevokedAt, now), cancellationToken);
        await refreshTokens.RevokeAllAsync(accountId, cancellationToken);
        await db.Set<SplitJob>().IgnoreQueryFilters().Where(j => j.AccountId == accountId && j.DeletedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(j => j.DeletedAt, now).SetProperty(j => j.FilesDeletedAt, j => j.FilesDeletedAt ?? now), cancellationToken);
        await db.Set<AccountExport>().IgnoreQueryFilters().Where(e => e.AccountId == accountId && e.FilesDeletedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.FilesDeletedAt, now), cancellationToken);

        // Every blob key starts with the account id: one folder holds sources, parts, uploads and exports.
        await store.DeletePrefixAsync(accountId);

        var scheduled = now + options.HardDeleteAfter;
        return new AccountDeletion(
            $"The account has been deleted: its API keys are revoked and its files removed. The remaining records are erased on {scheduled.UtcDateTime:yyyy-MM-dd}, " +
            $"except invoices and usage records, which are kept without your name or e-mail address for {retention.BillingRecordYears} years.",
            scheduled);
    }
}

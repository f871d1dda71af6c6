using AudioPortal.Core.Accounts;
using AudioPortal.Core.Billing;
using AudioPortal.Core.Data;
using AudioPortal.Core.Errors;
using AudioPortal.Core.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AudioPortal.Core.Admin;

/// <summary>An account as the operator console lists it: plan, this period's minutes, stored bytes, role and state.</summary>
public sealed record AccountSummary(string Id, string? Email, string PlanId, string Role, int MinutesUsed, int MonthlyMinutes, long StorageBytes,
    bool WebhooksEnabled, DateTimeOffset CreatedAt, DateTimeOffset? DisabledAt);

public sealed record AccountPage(IReadOnlyList<AccountSummary> Items, int Page, int Limit, int Total);

/// <summary>An account whose webhooks were switched off after repeated failed events, with its last failure.</summary>
public sealed record DisabledWebhooks(string AccountId, string? Email, DateTimeOffset? LastFailureAt, string? LastError, int? LastResponseStatus);

/// <summary>
/// Accounts across tenants for the operator console: list them with their usage, and disable or enable one. Disabling
/// goes through the checks the server already makes: the Identity lockout (no sign-in, in the portal or at the token
/// endpoint), a new security stamp (open portal sessions, access tokens and refresh tokens end), the account's
/// <see cref="Account.DisabledAt"/> read by the API-key lookup and the JWT standing check, and the job queue's claim
/// (queued jobs wait until the account is enabled again).
/// </summary>
public sealed class AdminAccounts(AppDbContext db, UserManager<Account> users, UsageLedger ledger, IStorageUsage storage, TimeProvider clock)
{
    public const int MaxLimit = 100;

    public async Task<Result<AccountPage>> ListAsync(int page, int limit, string? email, CancellationToken cancellationToken = default)
    {
        if (page < 1 || limit < 1 || limit > MaxLimit)
        {
            return AppError.Validation([new FieldError(page < 1 ? "page" : "limit", $"page must be ≥ 1 and limit 1–{MaxLimit}.")]);
        }

        var query = db.Users.AsNoTracking().Where(a => a.DeletedAt == null);
        if (!string.IsNullOrWhiteSpace(email))
        {
            var normalized = users.NormalizeEmail(email.Trim());
            query = query.Where(a => a.NormalizedEmail != null && a.NormalizedEmail.Contains(normalized));
        }

        var total = await query.CountAsync(cancellationToken);
        var skip = (long)(page - 1) * limit; // past the end (or past int range) is an empty page, not an overflow
        var accounts = skip >= total ? []
            : await query.OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).Skip((int)skip).Take(limit).ToListAsync(cancellationToken);
        var items = new List<AccountSummary>(accounts.Count);
        foreach (var account in accounts)
        {
            items.Add(await SummaryAsync(account, cancellationToken));
        }

        return new AccountPage(items, page, limit, total);
    }

    public Task<Result<AccountSummary>> DisableAsync(string accountId, CancellationToken cancellationToken = default) =>
        ChangeAsync(accountId, "disabled", account => account.DisabledAt is null, account =>
        {
            account.DisabledAt = clock.GetUtcNow();
            account.LockoutEnabled = true;
            account.LockoutEnd = DateTimeOffset.MaxValue;
            return users.UpdateSecurityStampAsync(account); // saves the fields above; ends sessions and tokens
        }, cancellationToken);

    public Task<Result<AccountSummary>> EnableAsync(string accountId, CancellationToken cancellationToken = default) =>
        ChangeAsync(accountId, "enabled", account => account.DisabledAt is not null, account =>
        {
            account.DisabledAt = null;
            account.LockoutEnd = null;
            account.AccessFailedCount = 0;
            return users.UpdateAsync(account);
        }, cancellationToken);

    /// <summary>Live accounts whose webhooks are off (the dispatcher's automatic disable), newest failure first.</summary>
    public async Task<IReadOnlyList<DisabledWebhooks>> ListDisabledWebhooksAsync(CancellationToken cancellationToken = default)
    {
        var deliveries = db.Set<Webhooks.WebhookDelivery>().IgnoreQueryFilters();
        var rows = await db.Users.AsNoTracking().Where(a => !a.WebhooksEnabled && a.DeletedAt == null)
            .Select(a => new
            {
                a.Id,
                a.Email,
                Last = deliveries.Where(d => d.AccountId == a.Id && d.Status == Webhooks.DeliveryStatus.Failed)
                    .OrderByDescending(d => d.FinishedAt)
                    .Select(d => new { d.FinishedAt, d.LastError, d.ResponseStatus })
                    .FirstOrDefault(),
            })
            .Take(500)
            .ToListAsync(cancellationToken);
        return rows.Select(r => new DisabledWebhooks(r.Id, r.Email, r.Last?.FinishedAt, r.Last?.LastError, r.Last?.ResponseStatus))
            .OrderByDescending(r => r.LastFailureAt)
            .ToList();
    }

    /// <summary>Applies and saves <paramref name="change"/> to a live account unless it is already so (<paramref name="needed"/> false).</summary>
    private async Task<Result<AccountSummary>> ChangeAsync(string accountId, string outcome, Func<Account, bool> needed,
        Func<Account, Task<IdentityResult>> change, CancellationToken cancellationToken)
    {
        var account = await users.FindByIdAsync(accountId);
        if (account is null || account.DeletedAt is not null)
        {
            return ErrorCatalog.NotFound.WithMessage($"No account '{accountId}'.");
        }

        if (needed(account) && !(await change(account)).Succeeded)
        {
            return ErrorCatalog.InternalError.WithMessage($"The account could not be {outcome}.");
        }

        return await SummaryAsync(account, cancellationToken);
    }

    private async Task<AccountSummary> SummaryAsync(Account account, CancellationToken cancellationToken)
    {
        var current = await ledger.CurrentAsync(db, account.Id, clock.GetUtcNow(), cancellationToken);
        var minutes = await ledger.MinutesUsedAsync(db, account.Id, current.Period, cancellationToken);
        var bytes = await storage.BytesUsedAsync(account.Id, cancellationToken);
        return new AccountSummary(account.Id, account.Email, account.PlanId, account.Role, minutes, current.Plan.MonthlyMinutes, bytes,
            account.WebhooksEnabled, account.CreatedAt, account.DisabledAt);
    }
}

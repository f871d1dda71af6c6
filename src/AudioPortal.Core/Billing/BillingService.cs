using AudioPortal.Core.Accounts;
using AudioPortal.Core.Data;
using AudioPortal.Core.Errors;
using AudioPortal.Core.Mail;
using AudioPortal.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AudioPortal.Core.Billing;

/// <summary>
/// Billing for one account, called by the API controller and in-process by the portal. It enforces the rules
/// (plan exists, one live subscription, a payment method on file) and leaves charging to the configured
/// <see cref="IPaymentProvider"/>. Callers pass the authenticated account id; reads name it explicitly.
/// </summary>
public sealed class BillingService(
    IDbContextFactory<AppDbContext> dbs, PlanCatalog plans, UsageLedger ledger, IPaymentProvider provider, IStorageUsage storage, IFailedJobCount failedJobs, CustomerMail mail, TimeProvider clock)
{
    public string ProviderName => provider.Name;

    public async Task<BillingOverview> GetOverviewAsync(string accountId, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var current = await ledger.CurrentAsync(db, accountId, clock.GetUtcNow(), cancellationToken);
        var method = await db.Set<PaymentMethod>().IgnoreQueryFilters().FirstOrDefaultAsync(p => p.AccountId == accountId, cancellationToken);
        return new BillingOverview(current.Plan, current.Subscription, method, provider.Name);
    }

    /// <param name="period"><c>current</c> (default), <c>previous</c> or <c>YYYY-MM</c> (a calendar month, UTC).</param>
    public async Task<Result<UsageReport>> GetUsageAsync(string accountId, string? period, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var current = await ledger.CurrentAsync(db, accountId, clock.GetUtcNow(), cancellationToken);
        BillingPeriod range;
        switch (period?.Trim())
        {
            case null or "" or "current":
                range = current.Period;
                break;
            case "previous":
                range = current.Subscription is null ? BillingPeriod.CalendarMonth(current.Period.Start.AddDays(-1)) : BillingPeriod.MonthlyFrom(current.Subscription.PeriodAnchor, current.Period.Start.AddTicks(-1));
                break;
            case { } text when BillingPeriod.TryParseMonth(text, out var month):
                range = month;
                break;
            default:
                return AppError.Validation([new FieldError("period", "Must be current, previous or a month as YYYY-MM.")]);
        }

        var records = db.Set<UsageRecord>().IgnoreQueryFilters()
            .Where(u => u.AccountId == accountId && u.RecordedAt >= range.Start && u.RecordedAt < range.End);
        var minutes = await records.SumAsync(u => (int?)u.Minutes, cancellationToken) ?? 0;
        var completed = await records.CountAsync(cancellationToken);
        var failed = await failedJobs.CountAsync(db, accountId, range.Start, range.End, cancellationToken);

        // A past period is reported under the plan its last job ran on; the current one under the plan in force.
        var plan = current.Plan;
        if (!range.Contains(clock.GetUtcNow()))
        {
            var lastPlanId = await records.OrderByDescending(u => u.RecordedAt).Select(u => u.PlanId).FirstOrDefaultAsync(cancellationToken);
            plan = lastPlanId is null ? plan : plans.For(lastPlanId);
        }

        var overage = plan.OveragePerMinute is null ? 0 : Math.Max(0, minutes - plan.MonthlyMinutes);
        var bytes = await storage.BytesUsedAsync(accountId, cancellationToken);
        return new UsageReport(range, plan, minutes, plan.MonthlyMinutes, overage, completed, failed, bytes, plan.PricePerMonth, Money.Overage(overage, plan));
    }

    public async Task<Result<InvoicePage>> ListInvoicesAsync(string accountId, int page, int limit, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        if (page < 1)
        {
            errors.Add(new FieldError("page", "Must be 1 or more."));
        }

        if (limit is < 1 or > 100)
        {
            errors.Add(new FieldError("limit", "Must be between 1 and 100."));
        }

        if (errors.Count > 0)
        {
            return AppError.Validation(errors);
        }

        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var query = db.Set<Invoice>().IgnoreQueryFilters().Where(i => i.AccountId == accountId);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(i => i.IssuedAt).ThenByDescending(i => i.Number)
            .Skip((page - 1) * limit).Take(limit).ToListAsync(cancellationToken);
        return new InvoicePage(items, page, limit, total);
    }

    /// <summary>One invoice with its lines; another account's invoice is NOT_FOUND.</summary>
    public async Task<Result<Invoice>> GetInvoiceAsync(string accountId, string invoiceId, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var invoice = await db.Set<Invoice>().IgnoreQueryFilters().Include(i => i.Lines)
            .FirstOrDefaultAsync(i => i.AccountId == accountId && (i.Id == invoiceId || i.Number == invoiceId), cancellationToken);
        return invoice is null ? ErrorCatalog.NotFound.WithMessage($"No invoice '{invoiceId}'.") : invoice;
    }

    public async Task<Result<Subscription>> SubscribeAsync(string accountId, string planId, CancellationToken cancellationToken)
    {
        var checks = await CheckCanSubscribeAsync(accountId, planId, cancellationToken);
        if (!checks.TryGetValue(out var plan, out var error))
        {
            return error;
        }

        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        if (await db.Set<PaymentMethod>().IgnoreQueryFilters().AllAsync(p => p.AccountId != accountId, cancellationToken))
        {
            return ErrorCatalog.PaymentRequired.WithMessage("No payment method on file: complete checkout (or choose \"invoice me\") first.");
        }

        if (await ledger.HasPastDueAsync(db, accountId, clock.GetUtcNow(), cancellationToken))
        {
            return ErrorCatalog.PaymentRequired.WithMessage("The account has an unpaid, past-due invoice.");
        }

        return await provider.SubscribeAsync(await AccountAsync(db, accountId, cancellationToken), plan, cancellationToken);
    }

    public async Task<Result<PlanChange>> ChangePlanAsync(string accountId, string planId, CancellationToken cancellationToken)
    {
        if (!plans.Find(planId).TryGetValue(out var to, out var error))
        {
            return error;
        }

        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var subscription = await ledger.LiveSubscriptionAsync(db, accountId, cancellationToken);
        if (subscription is null)
        {
            return ErrorCatalog.NotFound.WithMessage("There is no active subscription to change; subscribe to a plan first.");
        }

        var from = plans.For(subscription.PlanId);
        if (from.Id == to.Id)
        {
            if (subscription.ScheduledPlanId is null)
            {
                return AppError.Validation([new FieldError("planId", $"The subscription is already on {to.Name}.")]);
            }
        }
        else if (PlanChanges.IsUpgrade(from, to) && await ledger.HasPastDueAsync(db, accountId, clock.GetUtcNow(), cancellationToken))
        {
            return ErrorCatalog.PaymentRequired.WithMessage("The account has an unpaid, past-due invoice.");
        }

        var changed = await provider.ChangePlanAsync(await AccountAsync(db, accountId, cancellationToken), subscription, from, to, cancellationToken);
        if (changed.TryGetValue(out var change, out _))
        {
            await mail.PlanChangedAsync(accountId, change.Message);
        }

        return changed;
    }

    public async Task<Result<Subscription>> CancelAsync(string accountId, bool immediate, string? reason, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var subscription = await ledger.LiveSubscriptionAsync(db, accountId, cancellationToken);
        if (subscription is null)
        {
            return ErrorCatalog.NotFound.WithMessage("There is no active subscription to cancel.");
        }

        if (reason is { Length: > 500 })
        {
            return AppError.Validation([new FieldError("reason", "At most 500 characters.")]);
        }

        return await provider.CancelAsync(await AccountAsync(db, accountId, cancellationToken), subscription, immediate, reason, cancellationToken);
    }

    public async Task<Result<string>> CreateCheckoutUrlAsync(string accountId, string planId, CancellationToken cancellationToken)
    {
        var checks = await CheckCanSubscribeAsync(accountId, planId, cancellationToken);
        if (!checks.TryGetValue(out var plan, out var error))
        {
            return error;
        }

        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        return await provider.CreateCheckoutUrlAsync(await AccountAsync(db, accountId, cancellationToken), plan, cancellationToken);
    }

    public async Task<Result<string>> CreatePortalUrlAsync(string accountId, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        return await provider.CreatePortalUrlAsync(await AccountAsync(db, accountId, cancellationToken), cancellationToken);
    }

    /// <summary>Records "invoice me" as the payment method (offline provider only; with Stripe, cards are added at checkout).</summary>
    public async Task<Result<PaymentMethod>> UseInvoicePaymentAsync(string accountId, CancellationToken cancellationToken)
    {
        if (provider.Name != Offline.OfflinePaymentProvider.ProviderName)
        {
            return AppError.Validation([new FieldError("type", "Cards are added through checkout or the customer portal.")]);
        }

        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var method = await db.Set<PaymentMethod>().IgnoreQueryFilters().FirstOrDefaultAsync(p => p.AccountId == accountId, cancellationToken);
        if (method is null)
        {
            method = new PaymentMethod { AccountId = accountId };
            db.Add(method);
        }

        method.Type = PaymentMethod.InvoiceType;
        method.Brand = null;
        method.Last4 = null;
        method.ExpiresMonth = null;
        method.ExpiresYear = null;
        method.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return method;
    }

    private async Task<Result<Plan>> CheckCanSubscribeAsync(string accountId, string planId, CancellationToken cancellationToken)
    {
        if (!plans.Find(planId).TryGetValue(out var plan, out var error))
        {
            return error;
        }

        if (plan.IsFree)
        {
            return AppError.Validation([new FieldError("planId", "The free plan needs no subscription; cancel the paid one instead.")]);
        }

        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        if (await ledger.LiveSubscriptionAsync(db, accountId, cancellationToken) is not null)
        {
            return ErrorCatalog.AlreadySubscribed.ToError();
        }

        return plan;
    }

    private static async Task<BillingAccount> AccountAsync(AppDbContext db, string accountId, CancellationToken cancellationToken)
    {
        var email = await db.Set<Account>().Where(a => a.Id == accountId).Select(a => a.Email).FirstOrDefaultAsync(cancellationToken);
        return new BillingAccount(accountId, email);
    }
}

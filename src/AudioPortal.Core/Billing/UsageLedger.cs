using AudioPortal.Core.Accounts;
using AudioPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AudioPortal.Core.Billing;

/// <summary>Where an account stands in its billing period: the period, the plan in force, the live subscription.</summary>
public sealed record AccountPeriod(BillingPeriod Period, Plan Plan, Subscription? Subscription);

/// <summary>
/// Reads of billing state shared by the meter, the reports and the providers. Every figure is summed from usage
/// records and reservations. These are system reads: they name the account explicitly and skip the tenant filter,
/// so the job worker and the hosted timer can use them too.
/// </summary>
public sealed class UsageLedger(PlanCatalog plans)
{
    private static readonly string[] LiveStatuses =
        [SubscriptionStatus.Active, SubscriptionStatus.Trialing, SubscriptionStatus.PastDue, SubscriptionStatus.Unpaid];

    public Task<Subscription?> LiveSubscriptionAsync(AppDbContext db, string accountId, CancellationToken cancellationToken) =>
        db.Set<Subscription>().IgnoreQueryFilters()
            .Where(s => s.AccountId == accountId && LiveStatuses.Contains(s.Status))
            .OrderByDescending(s => s.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>The plan in force (from the account) and the period that holds <paramref name="now"/>.</summary>
    public async Task<AccountPeriod> CurrentAsync(AppDbContext db, string accountId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var planId = await db.Set<Account>().Where(a => a.Id == accountId).Select(a => a.PlanId).FirstOrDefaultAsync(cancellationToken);
        var plan = plans.For(planId ?? PlanCatalog.FreePlanId);
        var subscription = await LiveSubscriptionAsync(db, accountId, cancellationToken);

        // Free periods are calendar months; paid periods follow the subscription, rolled forward if the
        // period-closing timer has not run yet.
        var period = subscription is null
            ? BillingPeriod.CalendarMonth(now)
            : subscription.CurrentPeriod.Contains(now) ? subscription.CurrentPeriod : BillingPeriod.MonthlyFrom(subscription.PeriodAnchor, now);
        return new AccountPeriod(period, plan, subscription);
    }

    public async Task<int> MinutesUsedAsync(AppDbContext db, string accountId, BillingPeriod period, CancellationToken cancellationToken) =>
        await db.Set<UsageRecord>().IgnoreQueryFilters()
            .Where(u => u.AccountId == accountId && u.RecordedAt >= period.Start && u.RecordedAt < period.End)
            .SumAsync(u => (int?)u.Minutes, cancellationToken) ?? 0;

    /// <summary>Minutes held by jobs still processing (whenever they started: they will complete in this period or later).</summary>
    public async Task<int> MinutesReservedAsync(AppDbContext db, string accountId, CancellationToken cancellationToken) =>
        await db.Set<Reservation>().IgnoreQueryFilters()
            .Where(r => r.AccountId == accountId && r.State == ReservationState.Active)
            .SumAsync(r => (int?)r.Minutes, cancellationToken) ?? 0;

    /// <summary>An open invoice past its due date blocks new jobs (PAYMENT_REQUIRED), as does a Stripe subscription in arrears.</summary>
    public async Task<bool> HasPastDueAsync(AppDbContext db, string accountId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var invoiceDue = await db.Set<Invoice>().IgnoreQueryFilters()
            .AnyAsync(i => i.AccountId == accountId && i.Status == InvoiceStatus.Open && i.Amount > 0 && i.DueAt <= now, cancellationToken);
        return invoiceDue || await db.Set<Subscription>().IgnoreQueryFilters()
            .AnyAsync(s => s.AccountId == accountId && (s.Status == SubscriptionStatus.PastDue || s.Status == SubscriptionStatus.Unpaid), cancellationToken);
    }

    /// <summary>Puts a plan in force on the account (after subscribe, upgrade, a downgrade taking effect, or cancellation).</summary>
    public static async Task SetAccountPlanAsync(AppDbContext db, string accountId, string planId, CancellationToken cancellationToken) =>
        await db.Set<Account>().Where(a => a.Id == accountId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.PlanId, planId), cancellationToken);
}

using AudioPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AudioPortal.Core.Billing.Offline;

/// <summary>
/// Period roll-over for offline subscriptions, run by the hosted timer and by <c>billing close-period</c>. For each
/// ended period: invoice its overage, then either end the subscription (cancel at period end, or a downgrade to the
/// free plan) or apply a scheduled downgrade and invoice the next period's base fee in advance.
/// </summary>
public sealed class OfflineBillingCycle(IDbContextFactory<AppDbContext> dbs, PlanCatalog plans, UsageLedger ledger, InvoiceIssuer issuer, TimeProvider clock)
{
    /// <summary>Closes every period that has ended by now; returns how many were closed.</summary>
    public async Task<int> CloseDuePeriodsAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        List<string> due;
        await using (var db = await dbs.CreateDbContextAsync(cancellationToken))
        {
            due = await db.Set<Subscription>().IgnoreQueryFilters()
                .Where(s => s.Provider == OfflinePaymentProvider.ProviderName && s.Status != SubscriptionStatus.Canceled && s.CurrentPeriodEnd <= now)
                .Select(s => s.Id)
                .ToListAsync(cancellationToken);
        }

        var closed = 0;
        foreach (var id in due)
        {
            closed += await CloseAsync(id, now, cancellationToken);
        }

        return closed;
    }

    private async Task<int> CloseAsync(string subscriptionId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        string accountId;
        await using (var db = await dbs.CreateDbContextAsync(cancellationToken))
        {
            accountId = await db.Set<Subscription>().IgnoreQueryFilters().Where(s => s.Id == subscriptionId).Select(s => s.AccountId).SingleAsync(cancellationToken);
        }

        return await BillingTransactions.RunAsync(dbs, accountId, async db =>
        {
            var subscription = await db.Set<Subscription>().IgnoreQueryFilters().SingleAsync(s => s.Id == subscriptionId, cancellationToken);
            var closed = 0;
            // A server that was down for months closes each missed period in turn.
            while (subscription.Status != SubscriptionStatus.Canceled && subscription.CurrentPeriodEnd <= now)
            {
                await CloseOneAsync(db, subscription, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                closed++;
            }

            return closed;
        }, cancellationToken);
    }

    private async Task CloseOneAsync(AppDbContext db, Subscription subscription, CancellationToken cancellationToken)
    {
        var ended = subscription.CurrentPeriod;
        var plan = plans.For(subscription.PlanId);
        var lines = new List<InvoiceLine>();
        var overage = await OfflinePaymentProvider.OverageMinutesAsync(db, ledger, plan, subscription.AccountId, ended, cancellationToken);
        if (overage > 0)
        {
            lines.Add(InvoiceIssuer.OverageLine(plan, overage, ended));
        }

        var next = BillingPeriod.MonthlyFrom(subscription.PeriodAnchor, ended.End);
        var nextPlan = subscription.ScheduledPlanId is { } scheduled ? plans.For(scheduled) : plan;
        if (subscription.CancelAtPeriodEnd || nextPlan.IsFree)
        {
            await EndAsync(db, subscription, ended.End, cancellationToken);
        }
        else
        {
            subscription.PlanId = nextPlan.Id;
            subscription.ScheduledPlanId = null;
            subscription.CurrentPeriodStart = next.Start;
            subscription.CurrentPeriodEnd = next.End;
            await UsageLedger.SetAccountPlanAsync(db, subscription.AccountId, nextPlan.Id, cancellationToken);
            lines.Add(InvoiceIssuer.BasePlanLine(nextPlan, next));
        }

        // Issued at the period boundary, so numbering, due dates and years do not depend on when the timer ran.
        await issuer.IssueAsync(db, subscription.AccountId, plan.Currency, ended, lines, ended.End, cancellationToken);
    }

    /// <summary>Ends a subscription: canceled, and the account back on the free plan.</summary>
    internal static async Task EndAsync(AppDbContext db, Subscription subscription, DateTimeOffset at, CancellationToken cancellationToken)
    {
        subscription.Status = SubscriptionStatus.Canceled;
        subscription.CanceledAt = at;
        subscription.ScheduledPlanId = null;
        await UsageLedger.SetAccountPlanAsync(db, subscription.AccountId, PlanCatalog.FreePlanId, cancellationToken);
    }
}

using AudioPortal.Core.Data;
using AudioPortal.Core.Errors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AudioPortal.Core.Billing.Offline;

/// <summary>
/// The default provider for self-hosters who charge no cards: subscriptions, prorations and invoices are computed
/// and recorded locally, and an operator marks invoices paid (<c>billing mark-paid</c>). The base fee is invoiced
/// in advance per period, upgrades are invoiced at once with their proration, overage and downgrades are settled
/// when the period closes (<see cref="OfflineBillingCycle"/>).
/// </summary>
public sealed class OfflinePaymentProvider(
    IDbContextFactory<AppDbContext> dbs, PlanCatalog plans, UsageLedger ledger, InvoiceIssuer issuer, IOptions<BillingOptions> options, TimeProvider clock)
    : IPaymentProvider
{
    public const string ProviderName = "offline";

    public string Name => ProviderName;

    public Task<Result<Subscription>> SubscribeAsync(BillingAccount account, Plan plan, CancellationToken cancellationToken) =>
        BillingTransactions.RunAsync<Result<Subscription>>(dbs, account.Id, async db =>
        {
            var now = clock.GetUtcNow();
            var period = new BillingPeriod(now, now.AddMonths(1));
            var subscription = new Subscription
            {
                AccountId = account.Id,
                PlanId = plan.Id,
                Status = SubscriptionStatus.Active,
                Provider = ProviderName,
                PeriodAnchor = now,
                CurrentPeriodStart = period.Start,
                CurrentPeriodEnd = period.End,
                CreatedAt = now,
            };
            db.Add(subscription);
            await issuer.IssueAsync(db, account.Id, plan.Currency, period, [InvoiceIssuer.BasePlanLine(plan, period)], now, cancellationToken);
            await UsageLedger.SetAccountPlanAsync(db, account.Id, plan.Id, cancellationToken);
            return subscription;
        }, cancellationToken);

    public Task<Result<PlanChange>> ChangePlanAsync(BillingAccount account, Subscription subscription, Plan from, Plan to, CancellationToken cancellationToken) =>
        BillingTransactions.RunAsync<Result<PlanChange>>(dbs, account.Id, async db =>
        {
            var tracked = await db.Set<Subscription>().IgnoreQueryFilters().SingleAsync(s => s.Id == subscription.Id, cancellationToken);
            var now = clock.GetUtcNow();
            if (to.PricePerMonth <= from.PricePerMonth)
            {
                tracked.ScheduledPlanId = to.Id;
                return new PlanChange(tracked, null, $"Your plan changes to {to.Name} on {tracked.CurrentPeriodEnd:yyyy-MM-dd}; {from.Name} stays in force until then.");
            }

            var proration = PlanChanges.Prorate(from, to, tracked.CurrentPeriod, now);
            tracked.PlanId = to.Id;
            tracked.ScheduledPlanId = null;
            await UsageLedger.SetAccountPlanAsync(db, account.Id, to.Id, cancellationToken);
            var invoice = await issuer.IssueAsync(
                db, account.Id, to.Currency, new BillingPeriod(now, tracked.CurrentPeriodEnd), [InvoiceIssuer.ProrationLine(proration)], now, cancellationToken);
            var billed = invoice is null ? "" : $" Invoice {invoice.Number} for {Money.Format(proration.Amount, proration.Currency)} was issued.";
            return new PlanChange(tracked, proration, $"Upgraded to {to.Name} now.{billed}");
        }, cancellationToken);

    public Task<Result<Subscription>> CancelAsync(BillingAccount account, Subscription subscription, bool immediate, string? reason, CancellationToken cancellationToken) =>
        BillingTransactions.RunAsync<Result<Subscription>>(dbs, account.Id, async db =>
        {
            var tracked = await db.Set<Subscription>().IgnoreQueryFilters().SingleAsync(s => s.Id == subscription.Id, cancellationToken);
            tracked.CancelReason = reason;
            if (!immediate)
            {
                tracked.CancelAtPeriodEnd = true;
                return tracked;
            }

            // Ending now: the base fee already invoiced is not refunded; overage so far is invoiced at once.
            var now = clock.GetUtcNow();
            var usedPeriod = new BillingPeriod(tracked.CurrentPeriodStart, now.AddTicks(1)); // up to and including now
            var plan = plans.For(tracked.PlanId);
            await OfflineBillingCycle.EndAsync(db, tracked, now, cancellationToken);
            var overage = await OverageMinutesAsync(db, ledger, plan, account.Id, usedPeriod, cancellationToken);
            if (overage > 0)
            {
                await issuer.IssueAsync(db, account.Id, plan.Currency, usedPeriod, [InvoiceIssuer.OverageLine(plan, overage, usedPeriod)], now, cancellationToken);
            }

            return tracked;
        }, cancellationToken);

    public Task<Result<string>> CreateCheckoutUrlAsync(BillingAccount account, Plan plan, CancellationToken cancellationToken) =>
        Task.FromResult<Result<string>>(PortalBillingUrl($"?planId={Uri.EscapeDataString(plan.Id)}"));

    public Task<Result<string>> CreatePortalUrlAsync(BillingAccount account, CancellationToken cancellationToken) =>
        Task.FromResult<Result<string>>(PortalBillingUrl(""));

    /// <summary>Offline there is no hosted checkout: the portal's billing page records "invoice me" and subscribes.</summary>
    private string PortalBillingUrl(string query) => (options.Value.PublicBaseUrl?.TrimEnd('/') ?? "") + "/billing" + query;

    internal static async Task<int> OverageMinutesAsync(AppDbContext db, UsageLedger ledger, Plan plan, string accountId, BillingPeriod period, CancellationToken cancellationToken)
    {
        if (plan.OveragePerMinute is null)
        {
            return 0;
        }

        var used = await ledger.MinutesUsedAsync(db, accountId, period, cancellationToken);
        return Math.Max(0, used - plan.MonthlyMinutes);
    }
}

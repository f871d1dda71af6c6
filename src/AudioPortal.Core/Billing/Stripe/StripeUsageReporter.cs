using AudioPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using S = global::Stripe;

namespace AudioPortal.Core.Billing.Stripe;

/// <summary>
/// Reports overage to Stripe as Billing Meter events, from usage records not yet reported (an outbox: the job's
/// own transaction only writes the record). Each event carries the job id as its identifier, so a report repeated
/// after a crash is deduplicated by Stripe. A record's overage share is what it adds past the included minutes of
/// its period, in recording order.
/// </summary>
public sealed class StripeUsageReporter(S.IStripeClient stripe, IDbContextFactory<AppDbContext> dbs, PlanCatalog plans, UsageLedger ledger, IOptions<StripeOptions> options, TimeProvider clock)
{
    /// <summary>Reports every pending record; returns how many meter events were sent.</summary>
    public async Task<int> ReportPendingAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var pending = await db.Set<UsageRecord>().IgnoreQueryFilters().Where(u => u.ReportedAt == null)
            .OrderBy(u => u.RecordedAt).ThenBy(u => u.Id).Take(500).ToListAsync(cancellationToken);
        var sent = 0;
        var meterEvents = new S.Billing.MeterEventService(stripe);
        foreach (var record in pending)
        {
            var customer = await db.Set<BillingProfile>().IgnoreQueryFilters().Where(p => p.AccountId == record.AccountId)
                .Select(p => p.StripeCustomerId).FirstOrDefaultAsync(cancellationToken);
            var share = customer is null ? 0 : await OverageShareAsync(db, record, cancellationToken);
            if (share > 0)
            {
                await meterEvents.CreateAsync(
                    new S.Billing.MeterEventCreateOptions
                    {
                        EventName = options.Value.MeterEventName,
                        Identifier = record.JobId,
                        Timestamp = record.RecordedAt.UtcDateTime,
                        Payload = new Dictionary<string, string>
                        {
                            ["stripe_customer_id"] = customer!,
                            ["value"] = share.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        },
                    },
                    cancellationToken: cancellationToken);
                sent++;
            }

            record.ReportedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
        }

        return sent;
    }

    private async Task<int> OverageShareAsync(AppDbContext db, UsageRecord record, CancellationToken cancellationToken)
    {
        var plan = plans.For(record.PlanId);
        if (plan.OveragePerMinute is null)
        {
            return 0;
        }

        var subscription = await ledger.LiveSubscriptionAsync(db, record.AccountId, cancellationToken);
        var period = subscription is null ? BillingPeriod.CalendarMonth(record.RecordedAt) : BillingPeriod.MonthlyFrom(subscription.PeriodAnchor, record.RecordedAt);
        var before = await db.Set<UsageRecord>().IgnoreQueryFilters()
            .Where(u => u.AccountId == record.AccountId && u.RecordedAt >= period.Start
                && (u.RecordedAt < record.RecordedAt || (u.RecordedAt == record.RecordedAt && u.Id < record.Id)))
            .SumAsync(u => (int?)u.Minutes, cancellationToken) ?? 0;
        return Math.Max(0, before + record.Minutes - plan.MonthlyMinutes) - Math.Max(0, before - plan.MonthlyMinutes);
    }
}

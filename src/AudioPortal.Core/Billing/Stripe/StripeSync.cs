using AudioPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StripeInvoice = Stripe.Invoice;
using StripeSubscription = Stripe.Subscription;

namespace AudioPortal.Core.Billing.Stripe;

/// <summary>
/// Mirrors Stripe objects into our tables. Always fed with an object just read back from Stripe (never the copy
/// inside a webhook event), so events arriving late or out of order cannot roll state back.
/// </summary>
public sealed class StripeSync(PlanCatalog plans, IOptions<StripeOptions> options, IOptions<BillingOptions> billing, TimeProvider clock)
{
    public const string AccountIdKey = "accountId";
    public const string PlanIdKey = "planId";

    /// <summary>The Stripe Price of a plan's base fee: the plan's own setting, else <c>Stripe:Prices:{planId}</c>.</summary>
    public string? PriceFor(Plan plan) =>
        plan.StripePriceId ?? (options.Value.Prices.TryGetValue(plan.Id, out var price) ? price : null);

    public Plan? PlanForPrice(string? priceId) =>
        priceId is null ? null : plans.All.FirstOrDefault(p => PriceFor(p) == priceId);

    public async Task<string?> AccountForCustomerAsync(AppDbContext db, string? customerId, CancellationToken cancellationToken) =>
        customerId is null ? null : await db.Set<BillingProfile>().IgnoreQueryFilters()
            .Where(p => p.StripeCustomerId == customerId).Select(p => p.AccountId).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Upserts the subscription (adds to <paramref name="db"/>, does not save) and puts its plan in force on the account.</summary>
    public async Task<Subscription?> UpsertSubscriptionAsync(AppDbContext db, StripeSubscription remote, string? accountId, CancellationToken cancellationToken)
    {
        var local = await db.Set<Subscription>().IgnoreQueryFilters().FirstOrDefaultAsync(s => s.ExternalId == remote.Id, cancellationToken);
        accountId ??= local?.AccountId
            ?? (remote.Metadata?.TryGetValue(AccountIdKey, out var fromMetadata) == true ? fromMetadata : null)
            ?? await AccountForCustomerAsync(db, remote.CustomerId, cancellationToken);
        if (accountId is null)
        {
            return null; // not one of ours (another product on the same Stripe account)
        }

        var item = remote.Items?.Data?.FirstOrDefault(i => PlanForPrice(i.Price?.Id) is not null) ?? remote.Items?.Data?.FirstOrDefault();
        var plan = PlanForPrice(item?.Price?.Id)
            ?? (remote.Metadata?.TryGetValue(PlanIdKey, out var planId) == true ? plans.Find(planId).Map(p => (Plan?)p) is { IsSuccess: true } found ? found.Value : null : null);
        if (local is null)
        {
            local = new Subscription { AccountId = accountId, Provider = StripePaymentProvider.ProviderName, ExternalId = remote.Id, CreatedAt = Utc(remote.Created) };
            db.Add(local);
        }

        local.PlanId = plan?.Id ?? (local.PlanId.Length > 0 ? local.PlanId : PlanCatalog.FreePlanId);
        local.Status = remote.Status ?? local.Status;
        local.CancelAtPeriodEnd = remote.CancelAtPeriodEnd;
        local.CanceledAt = remote.CanceledAt is { } canceled ? Utc(canceled) : null;
        if (item is not null)
        {
            local.CurrentPeriodStart = Utc(item.CurrentPeriodStart);
            local.CurrentPeriodEnd = Utc(item.CurrentPeriodEnd);
        }

        local.PeriodAnchor = remote.BillingCycleAnchor == default ? local.CurrentPeriodStart : Utc(remote.BillingCycleAnchor);
        if (local.ScheduledPlanId == local.PlanId || !SubscriptionStatus.IsLive(local.Status))
        {
            local.ScheduledPlanId = null; // the scheduled downgrade has happened (or no longer can)
        }

        // An ended subscription only drops the account to free if no other one of its subscriptions is live.
        var live = SubscriptionStatus.IsLive(local.Status);
        var otherLive = !live && await db.Set<Subscription>().IgnoreQueryFilters().AnyAsync(
            s => s.AccountId == accountId && s.Id != local.Id && (s.Status == SubscriptionStatus.Active || s.Status == SubscriptionStatus.Trialing
                || s.Status == SubscriptionStatus.PastDue || s.Status == SubscriptionStatus.Unpaid), cancellationToken);
        if (!otherLive)
        {
            await UsageLedger.SetAccountPlanAsync(db, accountId, live ? local.PlanId : PlanCatalog.FreePlanId, cancellationToken);
        }

        return local;
    }

    /// <summary>Upserts a Stripe invoice into our invoice list (adds to <paramref name="db"/>, does not save).</summary>
    public async Task<Invoice?> UpsertInvoiceAsync(AppDbContext db, StripeInvoice remote, CancellationToken cancellationToken)
    {
        var accountId = await AccountForCustomerAsync(db, remote.CustomerId, cancellationToken);
        if (accountId is null)
        {
            return null;
        }

        var local = await db.Set<Invoice>().IgnoreQueryFilters().Include(i => i.Lines).FirstOrDefaultAsync(i => i.ExternalId == remote.Id, cancellationToken);
        if (local is null)
        {
            local = new Invoice { AccountId = accountId, Provider = StripePaymentProvider.ProviderName, ExternalId = remote.Id };
            db.Add(local);
        }

        var now = clock.GetUtcNow();
        local.Number = remote.Number ?? remote.Id;
        local.Status = remote.Status switch
        {
            "paid" => InvoiceStatus.Paid,
            "void" => InvoiceStatus.Void,
            "uncollectible" => InvoiceStatus.Uncollectible,
            _ => InvoiceStatus.Open,
        };
        local.Amount = remote.Total;
        local.Currency = remote.Currency ?? "usd";
        local.PeriodStart = Utc(remote.PeriodStart);
        local.PeriodEnd = Utc(remote.PeriodEnd);
        local.IssuedAt = Utc(remote.Created);
        // A failed automatic charge makes the invoice past due at once; otherwise its due date (or ours) applies.
        local.DueAt = remote.DueDate is { } due ? Utc(due)
            : remote.Attempted && local.Status == InvoiceStatus.Open ? now
            : local.IssuedAt.AddDays(billing.Value.InvoiceDueDays);
        local.PaidAt = remote.StatusTransitions?.PaidAt is { } paid ? Utc(paid) : local.Status == InvoiceStatus.Paid ? local.PaidAt ?? now : null;
        local.ExternalPdfUrl = remote.InvoicePdf;
        if (remote.Lines?.Data is { Count: > 0 } lines)
        {
            local.Lines.Clear();
            local.Lines.AddRange(lines.Select(l => new InvoiceLine
            {
                Kind = InvoiceLineKind.BasePlan,
                Description = l.Description ?? "",
                Quantity = l.Quantity ?? 1,
                UnitAmount = l.Amount,
                Amount = l.Amount,
            }));
        }

        return local;
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}

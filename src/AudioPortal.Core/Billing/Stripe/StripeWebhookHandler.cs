using AudioPortal.Core.Data;
using AudioPortal.Core.Errors;
using AudioPortal.Core.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using S = global::Stripe;

namespace AudioPortal.Core.Billing.Stripe;

public sealed record WebhookOutcome(string EventId, string Type, bool Duplicate);

/// <summary>
/// Handles <c>POST /billing/stripe/webhook</c>: verifies <c>Stripe-Signature</c> over the raw body, records the event
/// id (unique) in the same transaction as its effects so a replay is skipped, and re-reads the subscription or
/// invoice from Stripe instead of trusting the event's copy, so order does not matter.
/// </summary>
public sealed class StripeWebhookHandler(
    S.IStripeClient stripe, IDbContextFactory<AppDbContext> dbs, StripeSync sync, PlanCatalog plans, CustomerMail mail, IOptions<StripeOptions> options, TimeProvider clock, ILogger<StripeWebhookHandler> logger)
{
    /// <summary>Signatures older than this are refused (Stripe's default tolerance).</summary>
    public const int ToleranceSeconds = 300;

    public async Task<Result<WebhookOutcome>> HandleAsync(string json, string? signature, CancellationToken cancellationToken)
    {
        S.Event stripeEvent;
        try
        {
            stripeEvent = S.EventUtility.ConstructEvent(
                json, signature ?? "", options.Value.WebhookSecret ?? "", ToleranceSeconds, clock.GetUtcNow().ToUnixTimeSeconds(), throwOnApiVersionMismatch: false);
        }
        catch (S.StripeException e)
        {
            logger.LogWarning("Refused a Stripe webhook: {Reason}", e.Message);
            return ErrorCatalog.Unauthorized.WithMessage("The Stripe-Signature header does not verify.");
        }

        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        if (await db.Set<ProcessedStripeEvent>().AnyAsync(e => e.EventId == stripeEvent.Id, cancellationToken))
        {
            return new WebhookOutcome(stripeEvent.Id, stripeEvent.Type, Duplicate: true);
        }

        // Read Stripe's current objects before taking the database's write lock, not while holding it.
        var fresh = await FetchAsync(stripeEvent, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Add(new ProcessedStripeEvent { EventId = stripeEvent.Id, Type = stripeEvent.Type, ProcessedAt = clock.GetUtcNow() });
        var mails = new List<Func<Task>>();
        await ApplyAsync(db, fresh, stripeEvent.Type, mails, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            if (!await IsProcessedElsewhereAsync(stripeEvent.Id, cancellationToken))
            {
                throw;
            }

            return new WebhookOutcome(stripeEvent.Id, stripeEvent.Type, Duplicate: true); // a concurrent delivery won
        }

        // Only after the commit, so a replayed or rolled-back event never mails twice.
        foreach (var send in mails)
        {
            await send();
        }

        return new WebhookOutcome(stripeEvent.Id, stripeEvent.Type, Duplicate: false);
    }

    /// <summary>What an event is about, read back from Stripe (never the event's own, possibly stale, copy).</summary>
    private sealed record Fresh(string? AccountId, string? CustomerId, S.Subscription? Subscription, S.Invoice? Invoice);

    private async Task<Fresh> FetchAsync(S.Event stripeEvent, CancellationToken cancellationToken)
    {
        switch (stripeEvent.Data.Object)
        {
            case S.Checkout.Session session when stripeEvent.Type == S.EventTypes.CheckoutSessionCompleted:
                var accountId = session.ClientReferenceId ?? (session.Metadata?.TryGetValue(StripeSync.AccountIdKey, out var id) == true ? id : null);
                var subscription = session.SubscriptionId is null ? null : await ReadSubscriptionAsync(session.SubscriptionId, cancellationToken);
                return new Fresh(accountId, session.CustomerId, subscription, null);
            case S.Subscription changed when stripeEvent.Type.StartsWith("customer.subscription.", StringComparison.Ordinal):
                return new Fresh(null, null, await ReadSubscriptionAsync(changed.Id, cancellationToken), null);
            case S.Invoice invoice when stripeEvent.Type.StartsWith("invoice.", StringComparison.Ordinal):
                return new Fresh(null, null, null, await new S.InvoiceService(stripe).GetAsync(invoice.Id, cancellationToken: cancellationToken));
            default:
                logger.LogDebug("Ignored Stripe event {Type}", stripeEvent.Type);
                return new Fresh(null, null, null, null);
        }
    }

    private Task<S.Subscription> ReadSubscriptionAsync(string id, CancellationToken cancellationToken) =>
        new S.SubscriptionService(stripe).GetAsync(id, new S.SubscriptionGetOptions { Expand = ["default_payment_method"] }, cancellationToken: cancellationToken);

    private async Task ApplyAsync(AppDbContext db, Fresh fresh, string type, List<Func<Task>> mails, CancellationToken cancellationToken)
    {
        if (fresh.AccountId is not null && fresh.CustomerId is not null)
        {
            await LinkCustomerAsync(db, fresh.AccountId, fresh.CustomerId, cancellationToken);
        }

        if (fresh.Subscription is { } subscription)
        {
            var before = await db.Set<Subscription>().IgnoreQueryFilters().Where(s => s.ExternalId == subscription.Id).Select(s => s.PlanId).FirstOrDefaultAsync(cancellationToken);
            var local = await MirrorSubscriptionAsync(db, subscription, fresh.AccountId, cancellationToken);
            if (local is not null && before is not null && before != local.PlanId)
            {
                var plan = plans.For(local.PlanId).Name;
                mails.Add(() => mail.PlanChangedAsync(local.AccountId, $"Your plan is now {plan}."));
            }
        }

        if (fresh.Invoice is { } invoice)
        {
            var local = await sync.UpsertInvoiceAsync(db, invoice, cancellationToken);
            if (local is not null && type == S.EventTypes.InvoicePaymentFailed)
            {
                mails.Add(() => mail.PaymentFailedAsync(local.AccountId, local.Number));
            }
        }
    }

    private async Task<Subscription?> MirrorSubscriptionAsync(AppDbContext db, S.Subscription fresh, string? accountId, CancellationToken cancellationToken)
    {
        var local = await sync.UpsertSubscriptionAsync(db, fresh, accountId, cancellationToken);
        if (local is null || fresh.DefaultPaymentMethod?.Card is not { } card)
        {
            return local;
        }

        var method = await db.Set<PaymentMethod>().IgnoreQueryFilters().FirstOrDefaultAsync(p => p.AccountId == local.AccountId, cancellationToken);
        if (method is null)
        {
            method = new PaymentMethod { AccountId = local.AccountId };
            db.Add(method);
        }

        method.Type = PaymentMethod.CardType;
        method.Brand = card.Brand;
        method.Last4 = card.Last4;
        method.ExpiresMonth = (int)card.ExpMonth;
        method.ExpiresYear = (int)card.ExpYear;
        method.ExternalId = fresh.DefaultPaymentMethod.Id;
        method.UpdatedAt = clock.GetUtcNow();
        return local;
    }

    private static async Task LinkCustomerAsync(AppDbContext db, string accountId, string customerId, CancellationToken cancellationToken)
    {
        var profile = await db.Set<BillingProfile>().IgnoreQueryFilters().FirstOrDefaultAsync(p => p.AccountId == accountId, cancellationToken);
        if (profile is null)
        {
            db.Add(new BillingProfile { AccountId = accountId, StripeCustomerId = customerId });
        }
        else
        {
            profile.StripeCustomerId ??= customerId;
        }
    }

    private async Task<bool> IsProcessedElsewhereAsync(string eventId, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        return await db.Set<ProcessedStripeEvent>().AnyAsync(e => e.EventId == eventId, cancellationToken);
    }
}

using AudioPortal.Core.Data;
using AudioPortal.Core.Errors;
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
    S.IStripeClient stripe, IDbContextFactory<AppDbContext> dbs, StripeSync sync, IOptions<StripeOptions> options, TimeProvider clock, ILogger<StripeWebhookHandler> logger)
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

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Add(new ProcessedStripeEvent { EventId = stripeEvent.Id, Type = stripeEvent.Type, ProcessedAt = clock.GetUtcNow() });
        await ApplyAsync(db, stripeEvent, cancellationToken);
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

        return new WebhookOutcome(stripeEvent.Id, stripeEvent.Type, Duplicate: false);
    }

    private async Task ApplyAsync(AppDbContext db, S.Event stripeEvent, CancellationToken cancellationToken)
    {
        switch (stripeEvent.Data.Object)
        {
            case S.Checkout.Session session when stripeEvent.Type == S.EventTypes.CheckoutSessionCompleted:
                var accountId = session.ClientReferenceId ?? (session.Metadata?.TryGetValue(StripeSync.AccountIdKey, out var id) == true ? id : null);
                if (accountId is not null && session.CustomerId is not null)
                {
                    await LinkCustomerAsync(db, accountId, session.CustomerId, cancellationToken);
                }

                if (session.SubscriptionId is not null)
                {
                    await RefreshSubscriptionAsync(db, session.SubscriptionId, accountId, cancellationToken);
                }

                break;
            case S.Subscription subscription when stripeEvent.Type.StartsWith("customer.subscription.", StringComparison.Ordinal):
                await RefreshSubscriptionAsync(db, subscription.Id, null, cancellationToken);
                break;
            case S.Invoice invoice when stripeEvent.Type.StartsWith("invoice.", StringComparison.Ordinal):
                var fresh = await new S.InvoiceService(stripe).GetAsync(invoice.Id, cancellationToken: cancellationToken);
                await sync.UpsertInvoiceAsync(db, fresh, cancellationToken);
                break;
            default:
                logger.LogDebug("Ignored Stripe event {Type}", stripeEvent.Type);
                break;
        }
    }

    private async Task RefreshSubscriptionAsync(AppDbContext db, string subscriptionId, string? accountId, CancellationToken cancellationToken)
    {
        var fresh = await new S.SubscriptionService(stripe).GetAsync(
            subscriptionId, new S.SubscriptionGetOptions { Expand = ["default_payment_method"] }, cancellationToken: cancellationToken);
        var local = await sync.UpsertSubscriptionAsync(db, fresh, accountId, cancellationToken);
        if (local is not null && fresh.DefaultPaymentMethod?.Card is { } card)
        {
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
        }
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

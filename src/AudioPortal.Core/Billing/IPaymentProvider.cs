using AudioPortal.Core.Errors;

namespace AudioPortal.Core.Billing;

/// <summary>What a plan change did: the subscription after it and, for an upgrade, the prorated charge.</summary>
public sealed record PlanChange(Subscription Subscription, Proration? Proration, string Message);

public sealed record Proration(long Amount, string Currency, string Description);

/// <summary>
/// The narrow seam to whoever charges money: the built-in offline provider (local invoices, "invoice me") or
/// Stripe. <see cref="BillingService"/> checks the rules (plan exists, already subscribed, payment method on
/// file) before calling; a provider only carries the change out and records the resulting subscription.
/// </summary>
public interface IPaymentProvider
{
    /// <summary><c>offline</c> or <c>stripe</c>.</summary>
    string Name { get; }

    Task<Result<Subscription>> SubscribeAsync(BillingAccount account, Plan plan, CancellationToken cancellationToken);

    /// <summary>Upgrade now with proration, or schedule a downgrade for the end of the period.</summary>
    Task<Result<PlanChange>> ChangePlanAsync(BillingAccount account, Subscription subscription, Plan from, Plan to, CancellationToken cancellationToken);

    Task<Result<Subscription>> CancelAsync(BillingAccount account, Subscription subscription, bool immediate, string? reason, CancellationToken cancellationToken);

    /// <summary>A page where the customer starts a paid plan (Stripe Checkout; the portal's billing page offline).</summary>
    Task<Result<string>> CreateCheckoutUrlAsync(BillingAccount account, Plan plan, CancellationToken cancellationToken);

    /// <summary>A page where the customer manages cards and invoices (Stripe Customer Portal; the portal's billing page offline).</summary>
    Task<Result<string>> CreatePortalUrlAsync(BillingAccount account, CancellationToken cancellationToken);
}

/// <summary>Who is being billed: the account id and the e-mail printed on invoices and given to Stripe.</summary>
public sealed record BillingAccount(string Id, string? Email);

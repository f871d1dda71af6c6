using AudioPortal.Core.Data;
using AudioPortal.Core.Errors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using S = global::Stripe;

namespace AudioPortal.Core.Billing.Stripe;

/// <summary>
/// Stripe as the payment provider (chosen when <c>Stripe:SecretKey</c> is set): a Customer per account created on
/// first need, Checkout and Customer Portal sessions, plan changes through the Subscriptions API (upgrade now with
/// an immediate prorated invoice, downgrade at period end through a subscription schedule), and every result
/// mirrored locally through <see cref="StripeSync"/>.
/// </summary>
public sealed class StripePaymentProvider(
    S.IStripeClient stripe, IDbContextFactory<AppDbContext> dbs, StripeSync sync, IOptions<StripeOptions> options, IOptions<BillingOptions> billing, TimeProvider clock)
    : IPaymentProvider
{
    public const string ProviderName = "stripe";

    public string Name => ProviderName;

    public Task<Result<Subscription>> SubscribeAsync(BillingAccount account, Plan plan, CancellationToken cancellationToken) =>
        CallAsync<Subscription>(async () =>
        {
            if (sync.PriceFor(plan) is not { } price)
            {
                return NotSold(plan);
            }

            var customer = await EnsureCustomerAsync(account, cancellationToken);
            var created = await new S.SubscriptionService(stripe).CreateAsync(
                new S.SubscriptionCreateOptions
                {
                    Customer = customer,
                    Items = Items(plan, price),
                    PaymentBehavior = "error_if_incomplete",
                    Metadata = Metadata(account, plan),
                },
                new S.RequestOptions { IdempotencyKey = $"subscribe-{account.Id}-{plan.Id}-{Guid.NewGuid():N}" },
                cancellationToken);
            return await SaveAsync(account.Id, created, null, cancellationToken);
        });

    public Task<Result<PlanChange>> ChangePlanAsync(BillingAccount account, Subscription subscription, Plan from, Plan to, CancellationToken cancellationToken) =>
        CallAsync<PlanChange>(async () =>
        {
            var service = new S.SubscriptionService(stripe);
            var remote = await service.GetAsync(subscription.ExternalId, cancellationToken: cancellationToken);
            var item = remote.Items.Data.FirstOrDefault(i => sync.PlanForPrice(i.Price?.Id) is not null) ?? remote.Items.Data[0];
            if (to.IsFree)
            {
                // Downgrading to free is cancelling at the end of the period.
                var canceling = await service.UpdateAsync(remote.Id, new S.SubscriptionUpdateOptions { CancelAtPeriodEnd = true }, cancellationToken: cancellationToken);
                var saved = await SaveAsync(account.Id, canceling, to.Id, cancellationToken);
                return new PlanChange(saved, null, $"Your subscription ends on {saved.CurrentPeriodEnd:yyyy-MM-dd}; the free plan applies after that.");
            }

            if (sync.PriceFor(to) is not { } price)
            {
                return NotSold(to);
            }

            if (!PlanChanges.IsUpgrade(from, to))
            {
                return await ScheduleDowngradeAsync(account, remote, item, to, price, cancellationToken);
            }

            if (remote.ScheduleId is { } pending)
            {
                // An earlier scheduled downgrade would undo the upgrade at period end.
                await new S.SubscriptionScheduleService(stripe).ReleaseAsync(pending, cancellationToken: cancellationToken);
            }

            var now = clock.GetUtcNow();
            var local = new BillingPeriod(new DateTimeOffset(DateTime.SpecifyKind(item.CurrentPeriodStart, DateTimeKind.Utc)), new DateTimeOffset(DateTime.SpecifyKind(item.CurrentPeriodEnd, DateTimeKind.Utc)));
            var proration = PlanChanges.Prorate(from, to, local, now);
            var updated = await service.UpdateAsync(
                remote.Id,
                new S.SubscriptionUpdateOptions
                {
                    Items = [new S.SubscriptionItemOptions { Id = item.Id, Price = price }],
                    ProrationBehavior = "always_invoice",
                    CancelAtPeriodEnd = false,
                    Metadata = Metadata(account, to),
                },
                cancellationToken: cancellationToken);
            var result = await SaveAsync(account.Id, updated, null, cancellationToken);
            return new PlanChange(result, proration, $"Upgraded to {to.Name} now; Stripe invoices the prorated difference immediately.");
        });

    public Task<Result<Subscription>> CancelAsync(BillingAccount account, Subscription subscription, bool immediate, string? reason, CancellationToken cancellationToken) =>
        CallAsync<Subscription>(async () =>
        {
            var service = new S.SubscriptionService(stripe);
            var details = reason is null ? null : new S.SubscriptionCancellationDetailsOptions { Comment = reason };
            var remote = immediate
                ? await service.CancelAsync(subscription.ExternalId, new S.SubscriptionCancelOptions { InvoiceNow = true, Prorate = false, CancellationDetails = details }, cancellationToken: cancellationToken)
                : await service.UpdateAsync(subscription.ExternalId, new S.SubscriptionUpdateOptions { CancelAtPeriodEnd = true, CancellationDetails = details }, cancellationToken: cancellationToken);
            return await SaveAsync(account.Id, remote, null, cancellationToken);
        });

    public Task<Result<string>> CreateCheckoutUrlAsync(BillingAccount account, Plan plan, CancellationToken cancellationToken) =>
        CallAsync<string>(async () =>
        {
            if (sync.PriceFor(plan) is not { } price)
            {
                return NotSold(plan);
            }

            var customer = await EnsureCustomerAsync(account, cancellationToken);
            var session = await new S.Checkout.SessionService(stripe).CreateAsync(
                new S.Checkout.SessionCreateOptions
                {
                    Mode = "subscription",
                    Customer = customer,
                    ClientReferenceId = account.Id,
                    LineItems = Items(plan, price).Select(i => new S.Checkout.SessionLineItemOptions { Price = i.Price, Quantity = i.Quantity }).ToList(),
                    SuccessUrl = PortalUrl("/billing?checkout=success&session_id={CHECKOUT_SESSION_ID}"),
                    CancelUrl = PortalUrl("/billing?checkout=cancelled"),
                    Metadata = Metadata(account, plan),
                    SubscriptionData = new S.Checkout.SessionSubscriptionDataOptions { Metadata = Metadata(account, plan) },
                },
                cancellationToken: cancellationToken);
            return session.Url;
        });

    public Task<Result<string>> CreatePortalUrlAsync(BillingAccount account, CancellationToken cancellationToken) =>
        CallAsync<string>(async () =>
        {
            var customer = await EnsureCustomerAsync(account, cancellationToken);
            var session = await new S.BillingPortal.SessionService(stripe).CreateAsync(
                new S.BillingPortal.SessionCreateOptions { Customer = customer, ReturnUrl = PortalUrl("/billing") },
                cancellationToken: cancellationToken);
            return session.Url;
        });

    private async Task<Result<PlanChange>> ScheduleDowngradeAsync(BillingAccount account, S.Subscription remote, S.SubscriptionItem item, Plan to, string price, CancellationToken cancellationToken)
    {
        var schedules = new S.SubscriptionScheduleService(stripe);
        var schedule = remote.ScheduleId is { } existing
            ? await schedules.GetAsync(existing, cancellationToken: cancellationToken)
            : await schedules.CreateAsync(new S.SubscriptionScheduleCreateOptions { FromSubscription = remote.Id }, cancellationToken: cancellationToken);
        var currentItems = remote.Items.Data.Select(i => new S.SubscriptionSchedulePhaseItemOptions { Price = i.Price.Id, Quantity = i.Price.Recurring?.UsageType == "metered" ? null : i.Quantity }).ToList();
        var nextItems = currentItems.Select(i => i.Price == item.Price.Id ? new S.SubscriptionSchedulePhaseItemOptions { Price = price, Quantity = 1 } : i).ToList();
        await schedules.UpdateAsync(
            schedule.Id,
            new S.SubscriptionScheduleUpdateOptions
            {
                EndBehavior = "release",
                Phases =
                [
                    new S.SubscriptionSchedulePhaseOptions { Items = currentItems, StartDate = schedule.CurrentPhase?.StartDate ?? item.CurrentPeriodStart, EndDate = item.CurrentPeriodEnd },
                    new S.SubscriptionSchedulePhaseOptions { Items = nextItems, Duration = new S.SubscriptionSchedulePhaseDurationOptions { Interval = "month", IntervalCount = 1 }, Metadata = Metadata(account, to) },
                ],
            },
            cancellationToken: cancellationToken);
        var saved = await SaveAsync(account.Id, remote, to.Id, cancellationToken);
        return new PlanChange(saved, null, $"Your plan changes to {to.Name} on {saved.CurrentPeriodEnd:yyyy-MM-dd}.");
    }

    /// <summary>The account's Stripe Customer, created (idempotently) the first time one is needed.</summary>
    private async Task<string> EnsureCustomerAsync(BillingAccount account, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var profile = await db.Set<BillingProfile>().IgnoreQueryFilters().FirstOrDefaultAsync(p => p.AccountId == account.Id, cancellationToken);
        if (profile?.StripeCustomerId is { } known)
        {
            return known;
        }

        var customer = await new S.CustomerService(stripe).CreateAsync(
            new S.CustomerCreateOptions { Email = account.Email, Metadata = new Dictionary<string, string> { [StripeSync.AccountIdKey] = account.Id } },
            new S.RequestOptions { IdempotencyKey = "customer-" + account.Id },
            cancellationToken);
        if (profile is null)
        {
            db.Add(new BillingProfile { AccountId = account.Id, StripeCustomerId = customer.Id });
        }
        else
        {
            profile.StripeCustomerId = customer.Id;
        }

        await db.SaveChangesAsync(cancellationToken);
        return customer.Id;
    }

    private async Task<Subscription> SaveAsync(string accountId, S.Subscription remote, string? scheduledPlanId, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var local = await sync.UpsertSubscriptionAsync(db, remote, accountId, cancellationToken)
            ?? throw new InvalidOperationException("A subscription created for an account could not be mirrored.");
        if (scheduledPlanId is not null && scheduledPlanId != local.PlanId)
        {
            local.ScheduledPlanId = scheduledPlanId;
        }

        await db.SaveChangesAsync(cancellationToken);
        return local;
    }

    private List<S.SubscriptionItemOptions> Items(Plan plan, string price)
    {
        var items = new List<S.SubscriptionItemOptions> { new() { Price = price, Quantity = 1 } };
        if (options.Value.OveragePrices.TryGetValue(plan.Id, out var metered))
        {
            items.Add(new S.SubscriptionItemOptions { Price = metered }); // metered: no quantity
        }

        return items;
    }

    private static Dictionary<string, string> Metadata(BillingAccount account, Plan plan) =>
        new() { [StripeSync.AccountIdKey] = account.Id, [StripeSync.PlanIdKey] = plan.Id };

    private string PortalUrl(string pathAndQuery) => (billing.Value.PublicBaseUrl?.TrimEnd('/') ?? "http://localhost") + pathAndQuery;

    private static AppError NotSold(Plan plan) => ErrorCatalog.PlanNotFound.WithMessage($"Plan '{plan.Id}' has no Stripe price configured.");

    /// <summary>Stripe's failures are expected, not bugs: a declined card is PAYMENT_REQUIRED, anything else SERVICE_UNAVAILABLE.</summary>
    private static async Task<Result<T>> CallAsync<T>(Func<Task<Result<T>>> call)
    {
        try
        {
            return await call();
        }
        catch (S.StripeException e) when (e.StripeError?.Type == "card_error" || e.HttpStatusCode == System.Net.HttpStatusCode.PaymentRequired)
        {
            return ErrorCatalog.PaymentRequired.WithMessage("The card was declined: " + (e.StripeError?.Message ?? e.Message));
        }
        catch (S.StripeException e)
        {
            return ErrorCatalog.ServiceUnavailable.WithMessage("The payment provider did not accept the request: " + (e.StripeError?.Message ?? e.Message));
        }
    }
}

using AudioPortal.Core.Billing;
using AudioPortal.Core.Billing.Offline;

namespace AudioPortal.Core.Tests.Billing;

/// <summary>A month of offline billing on a fake clock, checked to the cent.</summary>
public sealed class OfflineBillingMonthTests : IDisposable
{
    private static readonly DateTimeOffset March15 = new(2026, 3, 15, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset April15 = new(2026, 4, 15, 10, 0, 0, TimeSpan.Zero);

    private readonly BillingWorld _world = new(March15);

    [Fact]
    public async Task Subscribe_mid_month_upgrade_overage_and_downgrade_at_period_end_invoice_to_the_cent()
    {
        var account = await _world.CreateAccountAsync();
        Assert.True((await _world.Service.UseInvoicePaymentAsync(account, default)).IsSuccess);

        // Mar 15 10:00 — Starter: the base fee is invoiced in advance for Mar 15 → Apr 15.
        var subscribed = await _world.Service.SubscribeAsync(account, "plan_starter", default);
        Assert.True(subscribed.IsSuccess, subscribed.Error?.ToString());
        Assert.Equal(April15, subscribed.Value.CurrentPeriodEnd);
        Assert.Equal("plan_starter", await _world.PlanOfAsync(account));

        // Mar 20 — the operator records the payment of the first invoice.
        _world.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 20, 0, 0, 0, TimeSpan.Zero));
        Assert.True((await new InvoiceAdmin(_world.Dbs, _world.Clock).MarkPaidAsync("INV-2026-0001", default)).IsSuccess);

        // Mar 25 — 600 minutes on Starter (500 included).
        _world.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 25, 0, 0, 0, TimeSpan.Zero));
        await _world.CompleteJobAsync(account, 600 * 60);

        // Apr 1 00:00 — upgrade to Pro: (4900 − 1900) × 346 h / 744 h = 1395.16… → 1395.
        _world.Clock.SetUtcNow(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero));
        var upgrade = await _world.Service.ChangePlanAsync(account, "plan_pro", default);
        Assert.True(upgrade.IsSuccess, upgrade.Error?.ToString());
        Assert.Equal(1395, upgrade.Value.Proration!.Amount);
        Assert.Equal("plan_pro", await _world.PlanOfAsync(account));

        // Apr 2 — 4500 more: 5100 in the period against Pro's 5000 → 100 overage minutes at 1 ¢.
        _world.Clock.SetUtcNow(new DateTimeOffset(2026, 4, 2, 0, 0, 0, TimeSpan.Zero));
        await _world.CompleteJobAsync(account, 4500 * 60);
        var usage = (await _world.Service.GetUsageAsync(account, "current", default)).Value;
        Assert.Equal((5100, 100, 4900L, 100L, 5000L), (usage.MinutesProcessed, usage.MinutesOverage, usage.BasePlanCost, usage.OverageCost, usage.TotalCost));

        // Apr 5 — downgrade to Starter: scheduled, Pro stays in force.
        _world.Clock.SetUtcNow(new DateTimeOffset(2026, 4, 5, 0, 0, 0, TimeSpan.Zero));
        var downgrade = await _world.Service.ChangePlanAsync(account, "plan_starter", default);
        Assert.Equal("plan_starter", downgrade.Value.Subscription.ScheduledPlanId);
        Assert.Null(downgrade.Value.Proration);
        Assert.Equal("plan_pro", await _world.PlanOfAsync(account));

        // Nothing closes before the period ends.
        Assert.Equal(0, await _world.Cycle.CloseDuePeriodsAsync(default));

        // Apr 15 10:00 — the period closes: Pro overage for the ended period + Starter in advance.
        _world.Clock.SetUtcNow(April15);
        Assert.Equal(1, await _world.Cycle.CloseDuePeriodsAsync(default));
        Assert.Equal("plan_starter", await _world.PlanOfAsync(account));

        var invoices = await _world.InvoicesAsync(account);
        Assert.Equal(["INV-2026-0001", "INV-2026-0002", "INV-2026-0003"], invoices.Select(i => i.Number));
        Assert.Equal([1900L, 1395L, 2000L], invoices.Select(i => i.Amount));
        Assert.Equal([InvoiceLineKind.BasePlan], invoices[0].Lines.Select(l => l.Kind));
        Assert.Equal([InvoiceLineKind.Proration], invoices[1].Lines.Select(l => l.Kind));
        var closing = invoices[2].Lines.OrderBy(l => l.Id).ToList();
        Assert.Equal((InvoiceLineKind.Overage, 100L, 1L, 100L), (closing[0].Kind, closing[0].Quantity, closing[0].UnitAmount, closing[0].Amount));
        Assert.Equal((InvoiceLineKind.BasePlan, 1900L), (closing[1].Kind, closing[1].Amount));
        Assert.Equal(invoices.Sum(i => i.Lines.Sum(l => l.Amount)), invoices.Sum(i => i.Amount));

        var overview = await _world.Service.GetOverviewAsync(account, default);
        Assert.Equal(("plan_starter", null as string), (overview.Subscription!.PlanId, overview.Subscription.ScheduledPlanId));
        Assert.Equal(new DateTimeOffset(2026, 5, 15, 10, 0, 0, TimeSpan.Zero), overview.Subscription.CurrentPeriodEnd);

        // The previous period reports under Pro, the plan its last job ran on.
        var previous = (await _world.Service.GetUsageAsync(account, "previous", default)).Value;
        Assert.Equal((March15, April15, "plan_pro", 100), (previous.Period.Start, previous.Period.End, previous.Plan.Id, previous.MinutesOverage));
    }

    [Fact]
    public async Task An_unpaid_invoice_past_its_due_date_blocks_new_jobs_until_an_operator_marks_it_paid()
    {
        var account = await _world.CreateAccountAsync();
        await _world.Service.UseInvoicePaymentAsync(account, default);
        await _world.Service.SubscribeAsync(account, "plan_starter", default);

        _world.Clock.Advance(TimeSpan.FromDays(13));
        Assert.True((await _world.Meter.CheckCanStartAsync(account, 60, false, default)).IsSuccess);

        _world.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal("PAYMENT_REQUIRED", (await _world.Meter.CheckCanStartAsync(account, 60, false, default)).Error?.Code);

        var invoice = Assert.Single(await _world.InvoicesAsync(account));
        var paid = await new InvoiceAdmin(_world.Dbs, _world.Clock).MarkPaidAsync(invoice.Number, default);
        Assert.True(paid.IsSuccess);
        Assert.True((await _world.Meter.CheckCanStartAsync(account, 60, false, default)).IsSuccess);
        Assert.Equal(InvoiceStatus.Paid, Assert.Single(await _world.InvoicesAsync(account)).Status);
    }

    [Fact]
    public async Task Cancelling_at_period_end_keeps_the_plan_until_the_period_closes()
    {
        var account = await _world.CreateAccountAsync();
        await _world.Service.UseInvoicePaymentAsync(account, default);
        await _world.Service.SubscribeAsync(account, "plan_pro", default);

        var cancel = await _world.Service.CancelAsync(account, immediate: false, "too expensive", default);
        Assert.True(cancel.Value.CancelAtPeriodEnd);
        Assert.Equal("plan_pro", await _world.PlanOfAsync(account));

        _world.Clock.SetUtcNow(April15);
        await _world.Cycle.CloseDuePeriodsAsync(default);
        Assert.Equal("plan_free", await _world.PlanOfAsync(account));
        Assert.Null((await _world.Service.GetOverviewAsync(account, default)).Subscription);
        Assert.Single(await _world.InvoicesAsync(account)); // no further base fee
    }

    [Fact]
    public async Task Cancelling_immediately_returns_to_free_and_invoices_the_overage_so_far()
    {
        var account = await _world.CreateAccountAsync();
        await _world.Service.UseInvoicePaymentAsync(account, default);
        await _world.Service.SubscribeAsync(account, "plan_starter", default);
        await _world.CompleteJobAsync(account, 520 * 60);

        var cancel = await _world.Service.CancelAsync(account, immediate: true, null, default);
        Assert.Equal(SubscriptionStatus.Canceled, cancel.Value.Status);
        Assert.Equal("plan_free", await _world.PlanOfAsync(account));
        var invoices = await _world.InvoicesAsync(account);
        Assert.Equal([1900L, 40L], invoices.Select(i => i.Amount));
    }

    [Fact]
    public async Task A_server_down_for_two_periods_closes_each_one_in_turn()
    {
        var account = await _world.CreateAccountAsync();
        await _world.Service.UseInvoicePaymentAsync(account, default);
        await _world.Service.SubscribeAsync(account, "plan_starter", default);

        _world.Clock.SetUtcNow(new DateTimeOffset(2026, 5, 20, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(2, await _world.Cycle.CloseDuePeriodsAsync(default));
        var invoices = await _world.InvoicesAsync(account);
        Assert.Equal(3, invoices.Count);
        Assert.Equal(April15, invoices[^1].PeriodStart);
        var overview = await _world.Service.GetOverviewAsync(account, default);
        Assert.Equal(new DateTimeOffset(2026, 6, 15, 10, 0, 0, TimeSpan.Zero), overview.Subscription!.CurrentPeriodEnd);
    }

    public void Dispose() => _world.Dispose();
}

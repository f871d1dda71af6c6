namespace AudioPortal.Core.Billing;

/// <summary>Proration, computed one way for both providers (Stripe's own figure may differ by its rounding of two lines).</summary>
public static class PlanChanges
{
    /// <summary>
    /// The price difference for the rest of the period, rounded once: <c>(to - from) × remaining / period</c>.
    /// </summary>
    public static Proration Prorate(Plan from, Plan to, BillingPeriod period, DateTimeOffset now)
    {
        var remaining = period.End - now;
        var amount = Money.Prorate(to.PricePerMonth - from.PricePerMonth, remaining, period.Length);
        var days = Math.Max(0, (int)Math.Ceiling(remaining.TotalDays - 1e-9));
        return new Proration(amount, to.Currency,
            $"Proration: {from.Name} to {to.Name} for the remaining {days} day(s) of the period ending {period.End:yyyy-MM-dd}");
    }

    public static bool IsUpgrade(Plan from, Plan to) => to.PricePerMonth > from.PricePerMonth;
}

namespace AudioPortal.Core.Billing;

/// <summary>
/// Every money and minute calculation of billing, so amounts are rounded once and the same way everywhere
/// (API, portal, offline invoices, Stripe estimates). Amounts are integer cents.
/// </summary>
public static class Money
{
    /// <summary>Billable minutes of a job: <c>ceil(sourceSeconds / 60)</c>; nothing for an empty or unknown length.</summary>
    public static int Minutes(double sourceSeconds) =>
        sourceSeconds <= 0 || double.IsNaN(sourceSeconds) ? 0 : (int)Math.Ceiling(sourceSeconds / 60.0 - 1e-9);

    /// <summary>
    /// The share of <paramref name="amount"/> for <paramref name="part"/> of <paramref name="whole"/>, rounded
    /// half away from zero. Computed in decimal on ticks, so it is exact until the single rounding.
    /// </summary>
    public static long Prorate(long amount, TimeSpan part, TimeSpan whole)
    {
        if (whole <= TimeSpan.Zero)
        {
            return 0;
        }

        var clamped = part < TimeSpan.Zero ? TimeSpan.Zero : part > whole ? whole : part;
        return (long)Math.Round((decimal)amount * clamped.Ticks / whole.Ticks, MidpointRounding.AwayFromZero);
    }

    /// <summary>Overage cost: whole minutes times the plan's per-minute price (no rounding needed).</summary>
    public static long Overage(int minutes, Plan plan) => plan.OveragePerMinute is { } rate && minutes > 0 ? minutes * rate : 0;

    /// <summary>"$19.00"-style text for invoices and the portal.</summary>
    public static string Format(long cents, string currency) =>
        (currency.Equals("usd", StringComparison.OrdinalIgnoreCase) ? "$" : currency.ToUpperInvariant() + " ")
        + (cents / 100m).ToString("#,##0.00", System.Globalization.CultureInfo.InvariantCulture);
}

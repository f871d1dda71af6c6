namespace AudioPortal.Core.Billing;

/// <summary>What <c>GET /billing</c> and the portal's billing page show.</summary>
public sealed record BillingOverview(Plan Plan, Subscription? Subscription, PaymentMethod? PaymentMethod, string Provider);

/// <summary>Usage and cost of one period, summed from usage records and reservations.</summary>
public sealed record UsageReport(
    BillingPeriod Period,
    Plan Plan,
    int MinutesProcessed,
    int MinutesIncluded,
    int MinutesOverage,
    int JobsCompleted,
    int JobsFailed,
    long StorageUsedBytes,
    long BasePlanCost,
    long OverageCost)
{
    public long TotalCost => BasePlanCost + OverageCost;

    public string Currency => Plan.Currency;
}

public sealed record InvoicePage(IReadOnlyList<Invoice> Items, int Page, int Limit, int Total)
{
    public int TotalPages => Total == 0 ? 0 : (Total + Limit - 1) / Limit;
}

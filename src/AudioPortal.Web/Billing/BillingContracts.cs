using AudioPortal.Core.Billing;
using AudioPortal.Web.Api;

namespace AudioPortal.Web.Billing;

/// <summary>The JSON shapes of <c>/api/v1/billing</c> (API.md §7), mapped from the domain views.</summary>
public static class BillingContracts
{
    public sealed record PlanRequest(string? PlanId);

    public sealed record CancelRequest(string? Reason, bool? Immediate);

    public sealed record PaymentMethodRequest(string? Type);

    public sealed record PlanDto(string Id, string Name, int MonthlyMinutes, long MaxFileSize, long PricePerMonth, string Currency);

    public sealed record SubscriptionDto(
        string Id, string PlanId, string Status, DateTimeOffset CurrentPeriodStart, DateTimeOffset CurrentPeriodEnd, bool CancelAtPeriodEnd, string? ScheduledPlanId);

    public sealed record PaymentMethodDto(string Type, string? Brand, string? Last4, int? ExpiresMonth, int? ExpiresYear);

    public sealed record BillingDto(PlanDto Plan, SubscriptionDto? Subscription, PaymentMethodDto? PaymentMethod);

    public sealed record PeriodDto(DateTimeOffset Start, DateTimeOffset End);

    public sealed record UsageDto(int MinutesProcessed, int MinutesIncluded, int MinutesOverage, int JobsCompleted, int JobsFailed, long StorageUsedBytes);

    public sealed record CostDto(long BasePlan, long Overage, long Total, string Currency);

    public sealed record UsageReportDto(PeriodDto Period, UsageDto Usage, CostDto Cost);

    public sealed record InvoiceDto(
        string Id, string Number, string Status, long Amount, string Currency, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd, DateTimeOffset? PaidAt, string PdfUrl, string HtmlUrl);

    public sealed record InvoiceLineDto(string Kind, string Description, long Quantity, long UnitAmount, long Amount);

    public sealed record InvoiceDetailDto(
        string Id, string Number, string Status, long Amount, string Currency, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd,
        DateTimeOffset IssuedAt, DateTimeOffset DueAt, DateTimeOffset? PaidAt, string PdfUrl, string HtmlUrl, IReadOnlyList<InvoiceLineDto> Lines);

    public sealed record InvoiceListDto(IReadOnlyList<InvoiceDto> Data, PaginationDto Pagination);

    public sealed record SubscriptionEnvelope(SubscriptionDto Subscription, string? Message = null);

    public sealed record ProrationDto(long Amount, string Currency, string Description);

    public sealed record PlanChangeDto(SubscriptionDto Subscription, ProrationDto? Proration, string Message);

    public sealed record UrlDto(string Url);

    public sealed record PaymentMethodEnvelope(PaymentMethodDto PaymentMethod);

    /// <summary>The answer to Stripe: the event was taken (or had been already).</summary>
    public sealed record StripeEventReceiptDto(bool Received, string Id, bool Duplicate);

    public static PlanDto ToDto(this Plan plan) => new(plan.Id, plan.Name, plan.MonthlyMinutes, plan.MaxFileSize, plan.PricePerMonth, plan.Currency);

    public static SubscriptionDto ToDto(this Subscription s) =>
        new(s.Id, s.PlanId, s.Status, s.CurrentPeriodStart, s.CurrentPeriodEnd, s.CancelAtPeriodEnd, s.ScheduledPlanId);

    public static PaymentMethodDto ToDto(this PaymentMethod p) => new(p.Type, p.Brand, p.Last4, p.ExpiresMonth, p.ExpiresYear);

    public static BillingDto ToDto(this BillingOverview o) => new(o.Plan.ToDto(), o.Subscription?.ToDto(), o.PaymentMethod?.ToDto());

    public static UsageReportDto ToDto(this UsageReport r) => new(
        new PeriodDto(r.Period.Start, r.Period.End),
        new UsageDto(r.MinutesProcessed, r.MinutesIncluded, r.MinutesOverage, r.JobsCompleted, r.JobsFailed, r.StorageUsedBytes),
        new CostDto(r.BasePlanCost, r.OverageCost, r.TotalCost, r.Currency));

    public static InvoiceDto ToDto(this Invoice i, string pdfUrl, string htmlUrl) =>
        new(i.Id, i.Number, i.Status, i.Amount, i.Currency, i.PeriodStart, i.PeriodEnd, i.PaidAt, pdfUrl, htmlUrl);

    public static InvoiceDetailDto ToDetailDto(this Invoice i, string pdfUrl, string htmlUrl) =>
        new(i.Id, i.Number, i.Status, i.Amount, i.Currency, i.PeriodStart, i.PeriodEnd, i.IssuedAt, i.DueAt, i.PaidAt, pdfUrl, htmlUrl,
            i.Lines.OrderBy(l => l.Id).Select(l => new InvoiceLineDto(l.Kind, l.Description, l.Quantity, l.UnitAmount, l.Amount)).ToList());

    public static PlanChangeDto ToDto(this PlanChange c) =>
        new(c.Subscription.ToDto(), c.Proration is { } p ? new ProrationDto(p.Amount, p.Currency, p.Description) : null, c.Message);
}

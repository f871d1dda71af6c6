using AudioPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AudioPortal.Core.Billing.Offline;

/// <summary>Issues locally computed invoices, numbered <c>INV-{year}-{0001…}</c> per calendar year of issue.</summary>
public sealed class InvoiceIssuer(IOptions<BillingOptions> options)
{
    /// <summary>
    /// Adds an open invoice with these lines to <paramref name="db"/> (not saved). The number is the year's highest
    /// plus one; the unique index on numbers turns a concurrent clash into an exception the caller retries.
    /// Returns null when the lines add up to nothing: a zero invoice is noise.
    /// </summary>
    public async Task<Invoice?> IssueAsync(
        AppDbContext db, string accountId, string currency, BillingPeriod period, IReadOnlyList<InvoiceLine> lines, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var total = lines.Sum(l => l.Amount);
        if (total <= 0)
        {
            return null;
        }

        var prefix = $"INV-{now.UtcDateTime.Year:0000}-";
        var numbers = await db.Set<Invoice>().IgnoreQueryFilters()
            .Where(i => i.Number.StartsWith(prefix))
            .Select(i => i.Number)
            .ToListAsync(cancellationToken);
        // Also count invoices issued earlier in this unit of work and not yet saved.
        numbers.AddRange(db.ChangeTracker.Entries<Invoice>().Select(e => e.Entity.Number).Where(n => n.StartsWith(prefix, StringComparison.Ordinal)));
        var next = numbers.Select(n => int.TryParse(n[prefix.Length..], out var seq) ? seq : 0).DefaultIfEmpty(0).Max() + 1;

        var invoice = new Invoice
        {
            AccountId = accountId,
            Number = prefix + next.ToString("0000", System.Globalization.CultureInfo.InvariantCulture),
            Status = InvoiceStatus.Open,
            Amount = total,
            Currency = currency,
            PeriodStart = period.Start,
            PeriodEnd = period.End,
            IssuedAt = now,
            DueAt = now.AddDays(options.Value.InvoiceDueDays),
            Provider = OfflinePaymentProvider.ProviderName,
            Lines = lines.ToList(),
        };
        db.Add(invoice);
        return invoice;
    }

    public static InvoiceLine BasePlanLine(Plan plan, BillingPeriod period) => new()
    {
        Kind = InvoiceLineKind.BasePlan,
        Description = $"{plan.Name} plan, {period.Start:yyyy-MM-dd} to {period.End:yyyy-MM-dd}",
        Quantity = 1,
        UnitAmount = plan.PricePerMonth,
        Amount = plan.PricePerMonth,
    };

    public static InvoiceLine OverageLine(Plan plan, int minutes, BillingPeriod period) => new()
    {
        Kind = InvoiceLineKind.Overage,
        Description = $"Overage: {minutes} minute(s) over the {plan.MonthlyMinutes} included in {plan.Name}, {period.Start:yyyy-MM-dd} to {period.End:yyyy-MM-dd}",
        Quantity = minutes,
        UnitAmount = plan.OveragePerMinute ?? 0,
        Amount = Money.Overage(minutes, plan),
    };

    public static InvoiceLine ProrationLine(Proration proration) => new()
    {
        Kind = InvoiceLineKind.Proration,
        Description = proration.Description,
        Quantity = 1,
        UnitAmount = proration.Amount,
        Amount = proration.Amount,
    };
}

using AudioPortal.Core.Data;
using AudioPortal.Core.Errors;
using Microsoft.EntityFrameworkCore;

namespace AudioPortal.Core.Billing.Offline;

/// <summary>Operator actions on invoices (<c>billing mark-paid</c>): offline payments arrive outside the system.</summary>
public sealed class InvoiceAdmin(IDbContextFactory<AppDbContext> dbs, TimeProvider clock)
{
    /// <summary>Marks an open invoice paid, found by id (<c>inv_…</c>) or number (<c>INV-2026-0001</c>). Paying twice is harmless.</summary>
    public async Task<Result<Invoice>> MarkPaidAsync(string idOrNumber, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var invoice = await db.Set<Invoice>().IgnoreQueryFilters()
            .FirstOrDefaultAsync(i => i.Id == idOrNumber || i.Number == idOrNumber, cancellationToken);
        if (invoice is null)
        {
            return ErrorCatalog.NotFound.WithMessage($"No invoice '{idOrNumber}'.");
        }

        if (invoice.Status == InvoiceStatus.Open)
        {
            invoice.Status = InvoiceStatus.Paid;
            invoice.PaidAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
        }

        return invoice;
    }
}

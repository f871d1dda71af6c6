using System.Globalization;
using Microsoft.Extensions.Options;

namespace AudioPortal.Core.Billing;

/// <summary>An invoice as a one-page PDF (<c>pdfUrl</c>), with the same content as the printable HTML page.</summary>
public sealed class InvoicePdf(IOptions<BillingOptions> options)
{
    public byte[] Render(Invoice invoice)
    {
        static string D(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string M(long cents) => Money.Format(cents, invoice.Currency);

        var seller = options.Value;
        var pdf = new OnePagePdf().Text(50, 70, $"Invoice {invoice.Number}", 20, bold: true).Text(50, 100, seller.SellerName, 11, bold: true);
        var y = 100.0;
        foreach (var line in (seller.SellerAddress ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            pdf.Text(50, y += 14, line);
        }

        y += 28;
        pdf.Text(50, y, $"Status: {invoice.Status}").Text(50, y += 14, $"Issued: {D(invoice.IssuedAt)}").Text(50, y += 14, $"Due: {D(invoice.DueAt)}");
        if (invoice.PaidAt is { } paid)
        {
            pdf.Text(50, y += 14, $"Paid: {D(paid)}");
        }

        pdf.Text(50, y += 14, $"Period: {D(invoice.PeriodStart)} to {D(invoice.PeriodEnd)}");
        y += 32;
        pdf.Text(50, y, "Description", bold: true).Text(380, y, "Qty", bold: true, alignRight: true)
            .Text(465, y, "Unit", bold: true, alignRight: true).Text(545, y, "Amount", bold: true, alignRight: true).Rule(y + 6);
        foreach (var line in invoice.Lines.OrderBy(l => l.Id))
        {
            y += 20;
            pdf.Text(50, y, line.Description).Text(380, y, line.Quantity.ToString(CultureInfo.InvariantCulture), alignRight: true)
                .Text(465, y, M(line.UnitAmount), alignRight: true).Text(545, y, M(line.Amount), alignRight: true);
        }

        pdf.Rule(y + 8).Text(50, y + 24, "Total", bold: true).Text(545, y + 24, M(invoice.Amount), bold: true, alignRight: true);
        return pdf.ToBytes();
    }
}

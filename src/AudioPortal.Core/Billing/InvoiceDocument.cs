using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Options;

namespace AudioPortal.Core.Billing;

/// <summary>
/// Renders an invoice as a self-contained, printable HTML page (the browser's "print to PDF" makes the PDF), for
/// offline invoices and for Stripe invoices that have no PDF of their own. Every value is HTML-encoded.
/// </summary>
public sealed class InvoiceDocument(IOptions<BillingOptions> options)
{
    public string Render(Invoice invoice, string provider)
    {
        static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
        string M(long cents) => E(Money.Format(cents, invoice.Currency));
        static string D(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var seller = options.Value;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Invoice ").Append(E(invoice.Number)).Append("</title>");
        html.Append("<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;color:#222}table{width:100%;border-collapse:collapse}")
            .Append("th,td{padding:.4rem;border-bottom:1px solid #ddd;text-align:left}td.n,th.n{text-align:right}.total td{font-weight:bold;border-top:2px solid #222}")
            .Append("@media print{body{margin:0}}</style></head><body>");
        html.Append("<h1>Invoice ").Append(E(invoice.Number)).Append("</h1>");
        html.Append("<p><strong>").Append(E(seller.SellerName)).Append("</strong>");
        if (!string.IsNullOrWhiteSpace(seller.SellerAddress))
        {
            html.Append("<br>").Append(E(seller.SellerAddress).Replace("\n", "<br>", StringComparison.Ordinal));
        }

        html.Append("</p><p>Status: ").Append(E(invoice.Status)).Append("<br>Issued: ").Append(D(invoice.IssuedAt))
            .Append("<br>Due: ").Append(D(invoice.DueAt));
        if (invoice.PaidAt is { } paid)
        {
            html.Append("<br>Paid: ").Append(D(paid));
        }

        html.Append("<br>Period: ").Append(D(invoice.PeriodStart)).Append(" to ").Append(D(invoice.PeriodEnd)).Append("</p>");
        html.Append("<table><thead><tr><th>Description</th><th class=\"n\">Qty</th><th class=\"n\">Unit</th><th class=\"n\">Amount</th></tr></thead><tbody>");
        foreach (var line in invoice.Lines.OrderBy(l => l.Id))
        {
            html.Append("<tr><td>").Append(E(line.Description)).Append("</td><td class=\"n\">").Append(line.Quantity.ToString(CultureInfo.InvariantCulture))
                .Append("</td><td class=\"n\">").Append(M(line.UnitAmount)).Append("</td><td class=\"n\">").Append(M(line.Amount)).Append("</td></tr>");
        }

        html.Append("<tr class=\"total\"><td colspan=\"3\">Total</td><td class=\"n\">").Append(M(invoice.Amount)).Append("</td></tr></tbody></table>");
        if (provider == Offline.OfflinePaymentProvider.ProviderName && invoice.Status == InvoiceStatus.Open)
        {
            html.Append("<p>Please pay by the due date using the details agreed with ").Append(E(seller.SellerName)).Append(".</p>");
        }

        html.Append("</body></html>");
        return html.ToString();
    }
}

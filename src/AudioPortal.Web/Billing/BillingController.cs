using AudioPortal.Core.Accounts;
using AudioPortal.Core.Billing;
using AudioPortal.Core.Errors;
using AudioPortal.Web.Api;
using AudioPortal.Web.Auth;
using AudioPortal.Web.Errors;
using Microsoft.AspNetCore.Mvc;
using static AudioPortal.Web.Billing.BillingContracts;

namespace AudioPortal.Web.Billing;

/// <summary><c>/api/v1/billing</c> (API.md §7): thin mapping of <see cref="BillingService"/> results to JSON. JWT only.</summary>
[ApiController]
[JwtOnly]
[Route("api/v1/billing")]
public sealed class BillingController(BillingService billing, ICurrentAccount current) : ControllerBase
{
    [HttpGet]
    [EndpointSummary("Get the plan, subscription and payment method")]
    [ProducesResponseType<BillingDto>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Get(CancellationToken cancellationToken) =>
        await WithAccount(async id => Ok((await billing.GetOverviewAsync(id, cancellationToken)).ToDto()));

    [HttpGet("usage")]
    [EndpointSummary("Get a billing period's usage and cost")]
    [ProducesResponseType<UsageReportDto>(StatusCodes.Status200OK)]
    [ErrorResponse(StatusCodes.Status422UnprocessableEntity)]
    public Task<IActionResult> Usage([FromQuery] string? period, CancellationToken cancellationToken) =>
        WithAccount(async id => (await billing.GetUsageAsync(id, period, cancellationToken)).ToActionResult(r => Ok(r.ToDto())));

    [HttpGet("invoices")]
    [EndpointSummary("List invoices, newest first")]
    [ProducesResponseType<InvoiceListDto>(StatusCodes.Status200OK)]
    [ErrorResponse(StatusCodes.Status422UnprocessableEntity)]
    public Task<IActionResult> Invoices([FromQuery] int? page, [FromQuery] int? limit, CancellationToken cancellationToken) =>
        WithAccount(async id => (await billing.ListInvoicesAsync(id, page ?? 1, limit ?? 20, cancellationToken)).ToActionResult(p =>
            Ok(new InvoiceListDto(p.Items.Select(i => i.ToDto(PdfUrl(i), HtmlUrl(i))).ToList(), new PaginationDto(p.Page, p.Limit, p.Total, p.TotalPages)))));

    /// <summary><b>Ext</b>: one invoice with its lines.</summary>
    [HttpGet("invoices/{invoiceId}")]
    [EndpointSummary("Get an invoice with its lines")]
    [ProducesResponseType<InvoiceDetailDto>(StatusCodes.Status200OK)]
    [ErrorResponse(StatusCodes.Status404NotFound)]
    public Task<IActionResult> Invoice(string invoiceId, CancellationToken cancellationToken) =>
        WithAccount(async id => (await billing.GetInvoiceAsync(id, invoiceId, cancellationToken)).ToActionResult(i => Ok(i.ToDetailDto(PdfUrl(i), HtmlUrl(i)))));

    /// <summary><b>Ext</b>: the invoice as a printable HTML document (print to PDF from the browser).</summary>
    [HttpGet("invoices/{invoiceId}/document")]
    [EndpointSummary("Get an invoice as a printable HTML page")]
    [ProducesResponseType<string>(StatusCodes.Status200OK, "text/html")]
    [ErrorResponse(StatusCodes.Status404NotFound)]
    public Task<IActionResult> Document(string invoiceId, [FromServices] InvoiceDocument document, CancellationToken cancellationToken) =>
        WithAccount(async id => (await billing.GetInvoiceAsync(id, invoiceId, cancellationToken)).ToActionResult(i =>
            Content(document.Render(i, billing.ProviderName), "text/html; charset=utf-8")));

    /// <summary><b>Ext</b>: the invoice as a PDF (<c>pdfUrl</c> when the payment provider has none of its own).</summary>
    [HttpGet("invoices/{invoiceId}/pdf")]
    [EndpointSummary("Get an invoice as a PDF")]
    [ProducesResponseType<Stream>(StatusCodes.Status200OK, "application/pdf")]
    [ErrorResponse(StatusCodes.Status404NotFound)]
    public Task<IActionResult> Pdf(string invoiceId, [FromServices] InvoicePdf pdf, CancellationToken cancellationToken) =>
        WithAccount(async id => (await billing.GetInvoiceAsync(id, invoiceId, cancellationToken)).ToActionResult(i =>
            File(pdf.Render(i), "application/pdf", $"invoice-{i.Number}.pdf")));

    [HttpPost("subscribe")]
    [EndpointSummary("Subscribe to a paid plan")]
    [ProducesResponseType<SubscriptionEnvelope>(StatusCodes.Status201Created)]
    [ErrorResponse(StatusCodes.Status402PaymentRequired)]
    [ErrorResponse(StatusCodes.Status404NotFound)]
    [ErrorResponse(StatusCodes.Status409Conflict)]
    [ErrorResponse(StatusCodes.Status422UnprocessableEntity)]
    public Task<IActionResult> Subscribe([FromBody] PlanRequest body, CancellationToken cancellationToken) =>
        WithAccount(async id => RequirePlanId(body) ?? (await billing.SubscribeAsync(id, body.PlanId!, cancellationToken))
            .ToActionResult(s => StatusCode(StatusCodes.Status201Created, new SubscriptionEnvelope(s.ToDto()))));

    [HttpPost("change-plan")]
    [EndpointSummary("Change the subscription's plan")]
    [ProducesResponseType<PlanChangeDto>(StatusCodes.Status200OK)]
    [ErrorResponse(StatusCodes.Status402PaymentRequired)]
    [ErrorResponse(StatusCodes.Status404NotFound)]
    [ErrorResponse(StatusCodes.Status409Conflict)]
    [ErrorResponse(StatusCodes.Status422UnprocessableEntity)]
    public Task<IActionResult> ChangePlan([FromBody] PlanRequest body, CancellationToken cancellationToken) =>
        WithAccount(async id => RequirePlanId(body) ?? (await billing.ChangePlanAsync(id, body.PlanId!, cancellationToken)).ToActionResult(c => Ok(c.ToDto())));

    [HttpPost("cancel")]
    [EndpointSummary("Cancel the subscription, at the period's end or now")]
    [ProducesResponseType<SubscriptionEnvelope>(StatusCodes.Status200OK)]
    [ErrorResponse(StatusCodes.Status409Conflict)]
    public Task<IActionResult> Cancel([FromBody] CancelRequest? body, CancellationToken cancellationToken) =>
        WithAccount(async id => (await billing.CancelAsync(id, body?.Immediate ?? false, body?.Reason, cancellationToken)).ToActionResult(s =>
            Ok(new SubscriptionEnvelope(s.ToDto(), s.Status == SubscriptionStatus.Canceled
                ? "The subscription has ended; the free plan applies now."
                : $"The subscription ends on {s.CurrentPeriodEnd:yyyy-MM-dd}."))));

    /// <summary><b>Ext</b>: a Stripe Checkout URL (offline: the portal's billing page).</summary>
    [HttpPost("checkout")]
    [EndpointSummary("Start a checkout for a plan")]
    [ProducesResponseType<UrlDto>(StatusCodes.Status200OK)]
    [ErrorResponse(StatusCodes.Status404NotFound)]
    [ErrorResponse(StatusCodes.Status422UnprocessableEntity)]
    public Task<IActionResult> Checkout([FromBody] PlanRequest body, CancellationToken cancellationToken) =>
        WithAccount(async id => RequirePlanId(body) ?? (await billing.CreateCheckoutUrlAsync(id, body.PlanId!, cancellationToken)).ToActionResult(u => Ok(new UrlDto(u))));

    /// <summary><b>Ext</b>: a Stripe Customer Portal URL (offline: the portal's billing page).</summary>
    [HttpPost("portal")]
    [EndpointSummary("Open the payment provider's customer portal")]
    [ProducesResponseType<UrlDto>(StatusCodes.Status200OK)]
    public Task<IActionResult> Portal(CancellationToken cancellationToken) =>
        WithAccount(async id => (await billing.CreatePortalUrlAsync(id, cancellationToken)).ToActionResult(u => Ok(new UrlDto(u))));

    /// <summary><b>Ext</b>: records "invoice me" as the payment method (offline provider).</summary>
    [HttpPut("payment-method")]
    [EndpointSummary("Pay by invoice")]
    [ProducesResponseType<PaymentMethodEnvelope>(StatusCodes.Status200OK)]
    [ErrorResponse(StatusCodes.Status422UnprocessableEntity)]
    public Task<IActionResult> PaymentMethod([FromBody] PaymentMethodRequest body, CancellationToken cancellationToken) =>
        WithAccount(async id => body.Type != Core.Billing.PaymentMethod.InvoiceType
            ? AppError.Validation([new FieldError("type", "Must be \"invoice\".")]).ToActionResult()
            : (await billing.UseInvoicePaymentAsync(id, cancellationToken)).ToActionResult(p => Ok(new PaymentMethodEnvelope(p.ToDto()))));

    private async Task<IActionResult> WithAccount(Func<string, Task<IActionResult>> action) =>
        current.AccountId is { } id ? await action(id) : ErrorCatalog.Unauthorized.ToError().ToActionResult();

    private static IActionResult? RequirePlanId(PlanRequest body) =>
        string.IsNullOrWhiteSpace(body.PlanId)
            ? ErrorCatalog.InvalidParams.WithDetails(new Dictionary<string, object?> { ["fields"] = new[] { new FieldError("planId", "Required.") } }, "planId is required.").ToActionResult()
            : null;

    private string PdfUrl(Core.Billing.Invoice invoice) => invoice.ExternalPdfUrl ?? $"{InvoicesUrl}/{invoice.Id}/pdf";

    private string HtmlUrl(Core.Billing.Invoice invoice) => $"{InvoicesUrl}/{invoice.Id}/document";

    private string InvoicesUrl => $"{Request.Scheme}://{Request.Host}{Request.PathBase}/api/v1/billing/invoices";
}

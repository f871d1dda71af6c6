using AudioPortal.Core.Accounts;
using AudioPortal.Core.Billing;
using AudioPortal.Core.Errors;
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
    public async Task<IActionResult> Get(CancellationToken cancellationToken) =>
        await WithAccount(async id => Ok((await billing.GetOverviewAsync(id, cancellationToken)).ToDto()));

    [HttpGet("usage")]
    public Task<IActionResult> Usage([FromQuery] string? period, CancellationToken cancellationToken) =>
        WithAccount(async id => (await billing.GetUsageAsync(id, period, cancellationToken)).ToActionResult(r => Ok(r.ToDto())));

    [HttpGet("invoices")]
    public Task<IActionResult> Invoices([FromQuery] int? page, [FromQuery] int? limit, CancellationToken cancellationToken) =>
        WithAccount(async id => (await billing.ListInvoicesAsync(id, page ?? 1, limit ?? 20, cancellationToken)).ToActionResult(p =>
            Ok(new InvoiceListDto(p.Items.Select(i => i.ToDto(PdfUrl(i))).ToList(), new PaginationDto(p.Page, p.Limit, p.Total, p.TotalPages)))));

    /// <summary><b>Ext</b>: one invoice with its lines.</summary>
    [HttpGet("invoices/{invoiceId}")]
    public Task<IActionResult> Invoice(string invoiceId, CancellationToken cancellationToken) =>
        WithAccount(async id => (await billing.GetInvoiceAsync(id, invoiceId, cancellationToken)).ToActionResult(i => Ok(i.ToDetailDto(PdfUrl(i)))));

    /// <summary><b>Ext</b>: the invoice as a printable HTML document (print to PDF from the browser).</summary>
    [HttpGet("invoices/{invoiceId}/document")]
    public Task<IActionResult> Document(string invoiceId, [FromServices] InvoiceDocument document, CancellationToken cancellationToken) =>
        WithAccount(async id => (await billing.GetInvoiceAsync(id, invoiceId, cancellationToken)).ToActionResult(i =>
            Content(document.Render(i, billing.ProviderName), "text/html; charset=utf-8")));

    [HttpPost("subscribe")]
    public Task<IActionResult> Subscribe([FromBody] PlanRequest body, CancellationToken cancellationToken) =>
        WithAccount(async id => RequirePlanId(body) ?? (await billing.SubscribeAsync(id, body.PlanId!, cancellationToken))
            .ToActionResult(s => StatusCode(StatusCodes.Status201Created, new SubscriptionEnvelope(s.ToDto()))));

    [HttpPost("change-plan")]
    public Task<IActionResult> ChangePlan([FromBody] PlanRequest body, CancellationToken cancellationToken) =>
        WithAccount(async id => RequirePlanId(body) ?? (await billing.ChangePlanAsync(id, body.PlanId!, cancellationToken)).ToActionResult(c => Ok(c.ToDto())));

    [HttpPost("cancel")]
    public Task<IActionResult> Cancel([FromBody] CancelRequest? body, CancellationToken cancellationToken) =>
        WithAccount(async id => (await billing.CancelAsync(id, body?.Immediate ?? false, body?.Reason, cancellationToken)).ToActionResult(s =>
            Ok(new SubscriptionEnvelope(s.ToDto(), s.Status == SubscriptionStatus.Canceled
                ? "The subscription has ended; the free plan applies now."
                : $"The subscription ends on {s.CurrentPeriodEnd:yyyy-MM-dd}."))));

    /// <summary><b>Ext</b>: a Stripe Checkout URL (offline: the portal's billing page).</summary>
    [HttpPost("checkout")]
    public Task<IActionResult> Checkout([FromBody] PlanRequest body, CancellationToken cancellationToken) =>
        WithAccount(async id => RequirePlanId(body) ?? (await billing.CreateCheckoutUrlAsync(id, body.PlanId!, cancellationToken)).ToActionResult(u => Ok(new UrlDto(u))));

    /// <summary><b>Ext</b>: a Stripe Customer Portal URL (offline: the portal's billing page).</summary>
    [HttpPost("portal")]
    public Task<IActionResult> Portal(CancellationToken cancellationToken) =>
        WithAccount(async id => (await billing.CreatePortalUrlAsync(id, cancellationToken)).ToActionResult(u => Ok(new UrlDto(u))));

    /// <summary><b>Ext</b>: records "invoice me" as the payment method (offline provider).</summary>
    [HttpPut("payment-method")]
    public Task<IActionResult> PaymentMethod([FromBody] PaymentMethodRequest body, CancellationToken cancellationToken) =>
        WithAccount(async id => body.Type != Core.Billing.PaymentMethod.InvoiceType
            ? AppError.Validation([new FieldError("type", "Must be \"invoice\".")]).ToActionResult()
            : (await billing.UseInvoicePaymentAsync(id, cancellationToken)).ToActionResult(p => Ok(new { paymentMethod = p.ToDto() })));

    private async Task<IActionResult> WithAccount(Func<string, Task<IActionResult>> action) =>
        current.AccountId is { } id ? await action(id) : ErrorCatalog.Unauthorized.ToError().ToActionResult();

    private static IActionResult? RequirePlanId(PlanRequest body) =>
        string.IsNullOrWhiteSpace(body.PlanId)
            ? ErrorCatalog.InvalidParams.WithDetails(new Dictionary<string, object?> { ["fields"] = new[] { new FieldError("planId", "Required.") } }, "planId is required.").ToActionResult()
            : null;

    private string PdfUrl(Core.Billing.Invoice invoice) =>
        invoice.ExternalPdfUrl ?? $"{Request.Scheme}://{Request.Host}{Request.PathBase}/api/v1/billing/invoices/{invoice.Id}/document";
}

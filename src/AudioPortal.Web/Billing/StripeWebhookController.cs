using AudioPortal.Core.Billing.Stripe;
using AudioPortal.Web.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using static AudioPortal.Web.Billing.BillingContracts;

namespace AudioPortal.Web.Billing;

/// <summary>
/// <c>POST /api/v1/billing/stripe/webhook</c>: no credentials but Stripe's signature, checked over the raw body
/// (so the body is read as bytes, never model-bound). Registered only when Stripe is the provider. Not rate
/// limited: Stripe delivers bursts from a few shared addresses, and a 429 would only delay billing state.
/// </summary>
[ApiController]
[AllowAnonymous]
[DisableRateLimiting]
[Route("api/v1/billing/stripe/webhook")]
public sealed class StripeWebhookController(IServiceProvider services) : ControllerBase
{
    [HttpPost]
    [EndpointSummary("Receive a Stripe event (signed with Stripe-Signature)")]
    [ProducesResponseType<StripeEventReceiptDto>(StatusCodes.Status200OK)]
    [ErrorResponse(StatusCodes.Status400BadRequest)]
    [ErrorResponse(StatusCodes.Status401Unauthorized)]
    [ErrorResponse(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Receive(CancellationToken cancellationToken)
    {
        if (services.GetService<StripeWebhookHandler>() is not { } handler)
        {
            return Core.Errors.ErrorCatalog.NotFound.WithMessage("Stripe is not configured on this server.").ToActionResult();
        }

        using var reader = new StreamReader(Request.Body, System.Text.Encoding.UTF8);
        var json = await reader.ReadToEndAsync(cancellationToken);
        var outcome = await handler.HandleAsync(json, Request.Headers["Stripe-Signature"].ToString(), cancellationToken);
        return outcome.ToActionResult(o => Ok(new StripeEventReceiptDto(true, o.EventId, o.Duplicate)));
    }
}

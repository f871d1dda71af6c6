using AudioPortal.Core.Webhooks;
using AudioPortal.Web.Auth;
using AudioPortal.Web.Errors;
using Microsoft.AspNetCore.Mvc;
using static AudioPortal.Web.Webhooks.WebhookContracts;

namespace AudioPortal.Web.Webhooks;

/// <summary><c>/api/v1/webhooks</c> (JWT only): the secret's preview, the enabled flag, recent deliveries; rotate; re-enable.</summary>
[ApiController]
[JwtOnly]
[Route("api/v1/webhooks")]
public sealed class WebhooksController(WebhookSettingsService settings) : ControllerBase
{
    [HttpGet]
    [EndpointSummary("Get webhook settings and recent deliveries")]
    [ProducesResponseType<WebhookSettingsDto>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Get(CancellationToken cancellationToken) =>
        (await settings.GetAsync(cancellationToken)).ToActionResult(view => Ok(view.ToDto()));

    [HttpPost("rotate-secret")]
    [EndpointSummary("Rotate the webhook signing secret")]
    [ProducesResponseType<WebhookSecretDto>(StatusCodes.Status200OK)]
    public async Task<IActionResult> RotateSecret(CancellationToken cancellationToken) =>
        (await settings.RotateSecretAsync(cancellationToken)).ToActionResult(secret => Ok(new WebhookSecretDto(secret, WebhookSettingsService.Preview(secret))));

    [HttpPost("enable")]
    [EndpointSummary("Turn webhook deliveries back on")]
    [ProducesResponseType<WebhookSettingsDto>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Enable(CancellationToken cancellationToken) =>
        (await settings.EnableAsync(cancellationToken)).ToActionResult(view => Ok(view.ToDto()));
}

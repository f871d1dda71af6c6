using AudioPortal.Core.Splits;
using AudioPortal.Core.Webhooks;
using AudioPortal.Web.Auth;
using AudioPortal.Web.Errors;
using Microsoft.AspNetCore.Mvc;

namespace AudioPortal.Web.Webhooks;

/// <summary><c>/api/v1/webhooks</c> (JWT only): the secret's preview, the enabled flag, recent deliveries; rotate; re-enable.</summary>
[ApiController]
[JwtOnly]
[Route("api/v1/webhooks")]
public sealed class WebhooksController(WebhookSettingsService settings) : ControllerBase
{
    [HttpGet]
    public async Task<IActionResult> Get(CancellationToken cancellationToken) =>
        (await settings.GetAsync(cancellationToken)).ToActionResult(view => Json(view));

    [HttpPost("rotate-secret")]
    public async Task<IActionResult> RotateSecret(CancellationToken cancellationToken) =>
        (await settings.RotateSecretAsync(cancellationToken)).ToActionResult(secret => Json(new
        {
            secret,
            secretPreview = WebhookSettingsService.Preview(secret),
        }));

    [HttpPost("enable")]
    public async Task<IActionResult> Enable(CancellationToken cancellationToken) =>
        (await settings.EnableAsync(cancellationToken)).ToActionResult(view => Json(view));

    private static JsonResult Json(object value) => new(value, ApiJson.Options);
}

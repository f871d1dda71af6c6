using AudioPortal.Core.Accounts;
using AudioPortal.Core.Errors;
using AudioPortal.Core.Splits;
using AudioPortal.Core.Webhooks;
using AudioPortal.Web.Errors;
using Microsoft.AspNetCore.Mvc;

namespace AudioPortal.Web.Webhooks;

/// <summary><c>/api/v1/webhooks</c> (JWT only): the secret's preview, the enabled flag, recent deliveries; rotate; re-enable.</summary>
[ApiController]
[Route("api/v1/webhooks")]
public sealed class WebhooksController(WebhookSettingsService settings, ICurrentAccount current) : ControllerBase
{
    [HttpGet]
    public async Task<IActionResult> Get(CancellationToken cancellationToken) =>
        Denied() ?? (await settings.GetAsync(cancellationToken)).ToActionResult(view => Json(view));

    [HttpPost("rotate-secret")]
    public async Task<IActionResult> RotateSecret(CancellationToken cancellationToken) =>
        Denied() ?? (await settings.RotateSecretAsync(cancellationToken)).ToActionResult(secret => Json(new
        {
            secret,
            secretPreview = WebhookSettingsService.Preview(secret),
        }));

    [HttpPost("enable")]
    public async Task<IActionResult> Enable(CancellationToken cancellationToken) =>
        Denied() ?? (await settings.EnableAsync(cancellationToken)).ToActionResult(view => Json(view));

    private IActionResult? Denied() => current.AccountId is null ? ErrorCatalog.Unauthorized.ToError().ToActionResult() : null;

    private static JsonResult Json(object value) => new(value, ApiJson.Options);
}

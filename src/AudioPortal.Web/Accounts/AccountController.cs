using AudioPortal.Core.Accounts;
using AudioPortal.Core.Splits;
using AudioPortal.Web.Auth;
using AudioPortal.Web.Errors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using static AudioPortal.Web.Accounts.AccountContracts;

namespace AudioPortal.Web.Accounts;

/// <summary><c>/api/v1/account</c> (API.md §8): data export and account deletion. JWT only, like billing.</summary>
[ApiController]
[JwtOnly]
[Route("api/v1/account")]
public sealed class AccountController(AccountExportService exports, AccountDeletionService deletion) : ControllerBase
{
    [HttpPost("export")]
    public async Task<IActionResult> Export([FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] ExportRequest? body, CancellationToken cancellationToken) =>
        (await exports.CreateAsync(body?.Format, body?.WebhookUrl, cancellationToken)).ToActionResult(e =>
        {
            Response.Headers.Location = $"/api/v1/account/export/{e.ExportId}";
            return Json(e.ToStartedDto(), StatusCodes.Status202Accepted);
        });

    /// <summary><b>Ext</b>: the export's status, with a fresh signed download link once it is ready.</summary>
    [HttpGet("export/{exportId}")]
    public async Task<IActionResult> GetExport(string exportId, CancellationToken cancellationToken) =>
        (await exports.GetAsync(exportId, cancellationToken)).ToActionResult(e => Json(e.ToDto(BaseUrl)));

    [HttpDelete]
    public async Task<IActionResult> Delete([FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] DeleteAccountRequest? body, CancellationToken cancellationToken) =>
        (await deletion.DeleteAsync(body?.Confirmation, cancellationToken)).ToActionResult(d => Json(new AccountDeletedDto(d.Message, d.DeletionScheduledAt)));

    /// <summary>The API's JSON conventions (timestamps as <c>2026-03-29T10:00:00Z</c>), as the splits and keys routes write them.</summary>
    private static JsonResult Json(object value, int status = StatusCodes.Status200OK) => new(value, ApiJson.Options) { StatusCode = status };

    private string BaseUrl => $"{Request.Scheme}://{Request.Host}{Request.PathBase}";
}

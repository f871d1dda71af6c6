using AudioPortal.Core.Accounts;
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
    [EndpointSummary("Export the account's data")]
    [ProducesResponseType<ExportStartedDto>(StatusCodes.Status202Accepted)]
    [ErrorResponse(StatusCodes.Status409Conflict)]
    [ErrorResponse(StatusCodes.Status422UnprocessableEntity)]
    public async Task<IActionResult> Export([FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] ExportRequest? body, CancellationToken cancellationToken) =>
        (await exports.CreateAsync(body?.Format, body?.WebhookUrl, cancellationToken)).ToActionResult(e =>
        {
            Response.Headers.Location = $"/api/v1/account/export/{e.ExportId}";
            return StatusCode(StatusCodes.Status202Accepted, e.ToStartedDto());
        });

    /// <summary><b>Ext</b>: the export's status, with a fresh signed download link once it is ready.</summary>
    [HttpGet("export/{exportId}")]
    [EndpointSummary("Get an export's status and download link")]
    [ProducesResponseType<ExportDto>(StatusCodes.Status200OK)]
    [ErrorResponse(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> GetExport(string exportId, CancellationToken cancellationToken) =>
        (await exports.GetAsync(exportId, cancellationToken)).ToActionResult(e => Ok(e.ToDto(BaseUrl)));

    [HttpDelete]
    [EndpointSummary("Delete the account")]
    [ProducesResponseType<AccountDeletedDto>(StatusCodes.Status200OK)]
    [ErrorResponse(StatusCodes.Status409Conflict)]
    [ErrorResponse(StatusCodes.Status422UnprocessableEntity)]
    public async Task<IActionResult> Delete([FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] DeleteAccountRequest? body, CancellationToken cancellationToken) =>
        (await deletion.DeleteAsync(body?.Confirmation, cancellationToken)).ToActionResult(d => Ok(new AccountDeletedDto(d.Message, d.DeletionScheduledAt)));

    private string BaseUrl => $"{Request.Scheme}://{Request.Host}{Request.PathBase}";
}

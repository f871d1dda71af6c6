using AudioPortal.Core.Accounts;
using AudioPortal.Core.Errors;
using AudioPortal.Core.Storage;
using AudioPortal.Web.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AudioPortal.Web.Accounts;

/// <summary>Signed export downloads: the link is the credential (as for split segments), so the portal can hand it to the browser.</summary>
[ApiController]
[AllowAnonymous]
[Route("api/v1/account/export/{exportId}/download")]
public sealed class AccountExportDownloadsController(AccountExportService exports, IBlobStore store) : ControllerBase
{
    [HttpGet]
    [HttpHead]
    [EndpointSummary("Download a finished export (the signed link is the credential)")]
    [ProducesResponseType<Stream>(StatusCodes.Status200OK, "application/zip", "application/octet-stream")]
    [ProducesResponseType<Stream>(StatusCodes.Status206PartialContent, "application/zip", "application/octet-stream")]
    [ErrorResponse(StatusCodes.Status404NotFound)]
    [ErrorResponse(StatusCodes.Status410Gone)]
    [ErrorResponse(StatusCodes.Status416RangeNotSatisfiable)]
    public async Task<IActionResult> Download(string exportId, [FromQuery] string? expires, [FromQuery] string? sig, CancellationToken cancellationToken)
    {
        var file = await exports.OpenDownloadAsync(Request.Method, exportId, expires, sig, cancellationToken);
        if (!file.IsSuccess)
        {
            return file.Error.ToActionResult();
        }

        var stream = store.OpenRead(file.Value.BlobKey);
        if (stream is null)
        {
            return ErrorCatalog.DownloadExpired.WithMessage("The export's file is no longer stored; start a new export.").ToActionResult();
        }

        Response.Headers.CacheControl = "private, no-store";
        return File(stream, file.Value.ContentType, file.Value.FileName, enableRangeProcessing: true);
    }
}

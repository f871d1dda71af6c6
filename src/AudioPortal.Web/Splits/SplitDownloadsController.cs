using AudioPortal.Core.Splits;
using AudioPortal.Core.Storage;
using AudioPortal.Core.Telemetry;
using AudioPortal.Web.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace AudioPortal.Web.Splits;

/// <summary>
/// Signed downloads: the link is the credential (no key or token needed). Segments (and the manifest files) support
/// Range requests; the archive is a ZIP streamed as it is built.
/// </summary>
[ApiController]
[AllowAnonymous]
[Route("api/v1/splits/{id}")]
public sealed class SplitDownloadsController(SplitDownloads downloads, IBlobStore store, AudioPortalMetrics metrics) : ControllerBase
{
    [HttpGet("segments/{index:int}")]
    [HttpHead("segments/{index:int}")]
    [EndpointSummary("Download one segment (Range requests answer 206)")]
    [ProducesResponseType<Stream>(StatusCodes.Status200OK, "application/octet-stream", "audio/mpeg", "audio/wav", "audio/flac", "audio/ogg", "audio/mp4")]
    [ProducesResponseType<Stream>(StatusCodes.Status206PartialContent, "application/octet-stream", "audio/mpeg", "audio/wav", "audio/flac", "audio/ogg", "audio/mp4")]
    [ErrorResponse(StatusCodes.Status404NotFound)]
    [ErrorResponse(StatusCodes.Status409Conflict)]
    [ErrorResponse(StatusCodes.Status410Gone)]
    [ErrorResponse(StatusCodes.Status416RangeNotSatisfiable)]
    public async Task<IActionResult> Segment(string id, int index, [FromQuery] string? expires, [FromQuery] string? sig, CancellationToken cancellationToken)
    {
        var file = await downloads.SegmentAsync(Request.Method, id, index, expires, sig, cancellationToken);
        return Send(file, "The segment's file is no longer stored.", "part");
    }

    [HttpGet(StoredManifests.Json)]
    [HttpHead(StoredManifests.Json)]
    [EndpointSummary("Download the manifest: every part's true offsets in samples, overlap, cut reason, bytes and SHA-256")]
    [ProducesResponseType<Stream>(StatusCodes.Status200OK, "application/json")]
    [ErrorResponse(StatusCodes.Status404NotFound)]
    [ErrorResponse(StatusCodes.Status409Conflict)]
    [ErrorResponse(StatusCodes.Status410Gone)]
    public async Task<IActionResult> Manifest(string id, [FromQuery] string? expires, [FromQuery] string? sig, CancellationToken cancellationToken) =>
        Send(await downloads.ManifestAsync(Request.Method, id, StoredManifests.Json, expires, sig, cancellationToken), "The manifest is no longer stored.", "manifest");

    [HttpGet(StoredManifests.Cue)]
    [HttpHead(StoredManifests.Cue)]
    [EndpointSummary("Download the cuts as a CUE sheet over the source (one TRACK per part)")]
    [ProducesResponseType<Stream>(StatusCodes.Status200OK, "application/x-cue")]
    [ErrorResponse(StatusCodes.Status404NotFound)]
    [ErrorResponse(StatusCodes.Status409Conflict)]
    [ErrorResponse(StatusCodes.Status410Gone)]
    public async Task<IActionResult> Cue(string id, [FromQuery] string? expires, [FromQuery] string? sig, CancellationToken cancellationToken) =>
        Send(await downloads.ManifestAsync(Request.Method, id, StoredManifests.Cue, expires, sig, cancellationToken), "The CUE sheet is no longer stored.", "manifest");

    [HttpGet("archive")]
    [EndpointSummary("Download every segment as one ZIP")]
    [ProducesResponseType<Stream>(StatusCodes.Status200OK, "application/zip")]
    [ErrorResponse(StatusCodes.Status404NotFound)]
    [ErrorResponse(StatusCodes.Status409Conflict)]
    [ErrorResponse(StatusCodes.Status410Gone)]
    public async Task<IActionResult> Archive(string id, [FromQuery] string? expires, [FromQuery] string? sig, [FromServices] ArchiveWriter writer, CancellationToken cancellationToken)
    {
        var archive = await downloads.ArchiveAsync(Request.Method, id, expires, sig, cancellationToken);
        if (!archive.IsSuccess)
        {
            return archive.Error.ToActionResult();
        }

        await writer.WriteAsync(HttpContext, archive.Value, cancellationToken);
        return new EmptyResult();
    }

    /// <summary>
    /// Streams a resolved file; a blob gone between the lookup and the read (retention ran) is 410. A GET counts the
    /// bytes its answer declared (the whole file, or the range) once the response has completed.
    /// </summary>
    private IActionResult Send(Core.Errors.Result<DownloadFile> file, string goneMessage, string what)
    {
        if (!file.IsSuccess)
        {
            return file.Error.ToActionResult();
        }

        var stream = store.OpenRead(file.Value.BlobKey);
        if (stream is null)
        {
            return Core.Errors.ErrorCatalog.DownloadExpired.WithMessage(goneMessage).ToActionResult();
        }

        Response.Headers.CacheControl = "private, max-age=3600";
        if (HttpMethods.IsGet(Request.Method))
        {
            Response.OnCompleted(() =>
            {
                metrics.Sent(Response.ContentLength ?? 0, what);
                return Task.CompletedTask;
            });
        }

        return File(stream, file.Value.ContentType, file.Value.FileName, enableRangeProcessing: true);
    }
}

using AudioPortal.Core.Accounts;
using AudioPortal.Core.Errors;
using AudioPortal.Core.Splits;
using AudioPortal.Web.Auth;
using AudioPortal.Web.Errors;
using AudioPortal.Web.Api;
using AudioPortal.Web.Limits;
using Microsoft.AspNetCore.Mvc;
using static AudioPortal.Web.Splits.SplitContracts;

namespace AudioPortal.Web.Splits;

/// <summary>
/// <c>/api/v1/splits</c>: thin over the use cases <see cref="SplitCreation"/>, <see cref="SplitManagement"/> and
/// <see cref="SplitRetry"/>; uploads are handled by <see cref="SplitUploadReader"/>.
/// </summary>
[ApiController]
[Route("api/v1/splits")]
public sealed class SplitsController(SplitCreation creation, SplitManagement splits, SplitRetry retry, PartsPreview preview) : ControllerBase
{
    private const string IdempotencyHeader = "Idempotency-Key";

    [HttpPost]
    [RequireScope(Scopes.SplitsWrite)]
    [Consumes("application/json")]
    [EndpointSummary("Create a split job")]
    [MultipartAlternative(typeof(CreateSplitForm))]
    [ProducesResponseType<SplitJobDto>(StatusCodes.Status201Created)]
    [ErrorResponse(StatusCodes.Status402PaymentRequired)]
    [ErrorResponse(StatusCodes.Status409Conflict)]
    [ErrorResponse(StatusCodes.Status413PayloadTooLarge)]
    [ErrorResponse(StatusCodes.Status422UnprocessableEntity)]
    [ErrorResponse(StatusCodes.Status503ServiceUnavailable)]
    public async Task<IActionResult> Create([FromBody] CreateSplitRequest request, CancellationToken cancellationToken)
    {
        if (IdempotencyKey() is { IsSuccess: false } badKey)
        {
            return badKey.Error.ToActionResult();
        }

        var created = await creation.CreateAsync(request, null, IdempotencyKey().Value, cancellationToken);
        return created.ToActionResult(Created);
    }

    /// <summary>Multipart upload: streamed to storage as it arrives; Kestrel's 30 MB default does not apply, the plan's limit (plus an allowance) does.</summary>
    [HttpPost]
    [RequireScope(Scopes.SplitsWrite)]
    [Consumes("multipart/form-data")]
    [DisableRequestSizeLimit]
    [ApiExplorerSettings(IgnoreApi = true)] // documented on Create, as the same operation's second body type
    public async Task<IActionResult> Upload()
    {
        // No parameters on purpose: binding any would make MVC's form value provider read (and buffer) the whole body first.
        var cancellationToken = HttpContext.RequestAborted;

        var key = IdempotencyKey();
        if (!key.IsSuccess)
        {
            return key.Error.ToActionResult();
        }

        var form = await ReadFormAsync();
        if (!form.IsSuccess)
        {
            return form.Error.ToActionResult();
        }

        var created = await creation.CreateAsync(form.Value.Request, form.Value.Upload, key.Value, cancellationToken);
        return created.ToActionResult(Created);
    }

    /// <summary>The parts a create body would make (silence analysis included), without a job, stored output or billing.</summary>
    [HttpPost("preview")]
    [RequireScope(Scopes.SplitsWrite)]
    [Consumes("application/json")]
    [EndpointSummary("Preview the parts of a split without creating it")]
    [MultipartAlternative(typeof(CreateSplitForm))]
    [ProducesResponseType<SplitPreviewDto>(StatusCodes.Status200OK)]
    [ErrorResponse(StatusCodes.Status413PayloadTooLarge)]
    [ErrorResponse(StatusCodes.Status422UnprocessableEntity)]
    public async Task<IActionResult> Preview([FromBody] CreateSplitRequest request, CancellationToken cancellationToken)
    {
        return (await preview.PlanAsync(request, null, cancellationToken)).ToActionResult(parts => Ok(parts.ToDto()));
    }

    /// <summary>The multipart preview: the upload is staged as for create, and removed once planned.</summary>
    [HttpPost("preview")]
    [RequireScope(Scopes.SplitsWrite)]
    [Consumes("multipart/form-data")]
    [DisableRequestSizeLimit]
    [ApiExplorerSettings(IgnoreApi = true)] // documented on Preview, as the same operation's second body type
    public async Task<IActionResult> PreviewUpload()
    {
        var form = await ReadFormAsync();
        if (!form.IsSuccess)
        {
            return form.Error.ToActionResult();
        }

        var planned = await preview.PlanAsync(form.Value.Request, form.Value.Upload, HttpContext.RequestAborted);
        return planned.ToActionResult(parts => Ok(parts.ToDto()));
    }

    /// <summary>A preview that is neither JSON nor multipart: see <see cref="UnsupportedBody"/>.</summary>
    [HttpPost("preview")]
    [RequireScope(Scopes.SplitsWrite)]
    [ApiExplorerSettings(IgnoreApi = true)]
    public IActionResult UnsupportedPreviewBody() => UnsupportedBody();

    /// <summary>
    /// A POST that is neither JSON nor multipart (or has no Content-Type at all): without this action both of the
    /// above would match a request with no Content-Type (an ambiguous match, 500), and a wrong type would be refused
    /// before authentication. Here the caller is authenticated first, then told what to send.
    /// </summary>
    [HttpPost]
    [RequireScope(Scopes.SplitsWrite)]
    [ApiExplorerSettings(IgnoreApi = true)]
    public IActionResult UnsupportedBody() =>
        ErrorCatalog.InvalidParams.WithMessage("Send the request as application/json, or as multipart/form-data to upload a file.").ToActionResult();

    [HttpGet]
    [RequireScope(Scopes.SplitsRead)]
    [EndpointSummary("List split jobs, newest first")]
    [ProducesResponseType<SplitJobPageDto>(StatusCodes.Status200OK)]
    [ErrorResponse(StatusCodes.Status422UnprocessableEntity)]
    public async Task<IActionResult> List([FromQuery] string? status, [FromQuery] int? page, [FromQuery] int? limit, CancellationToken cancellationToken)
    {
        var result = await splits.ListAsync(status, page, limit, cancellationToken);
        return result.ToActionResult(p => Ok(p.ToDto(BaseUrl)));
    }

    [HttpGet("{id}")]
    [RequireScope(Scopes.SplitsRead)]
    [EndpointSummary("Get a split job")]
    [ProducesResponseType<SplitJobDto>(StatusCodes.Status200OK)]
    [ErrorResponse(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Get(string id, CancellationToken cancellationToken)
    {
        return (await splits.GetAsync(id, cancellationToken)).ToActionResult(job => Ok(job.ToDto(BaseUrl)));
    }

    [HttpPatch("{id}")]
    [RequireScope(Scopes.SplitsWrite)]
    [EndpointSummary("Change a queued job's settings")]
    [ProducesResponseType<SplitJobDto>(StatusCodes.Status200OK)]
    [ErrorResponse(StatusCodes.Status404NotFound)]
    [ErrorResponse(StatusCodes.Status409Conflict)]
    [ErrorResponse(StatusCodes.Status422UnprocessableEntity)]
    public async Task<IActionResult> Patch(string id, [FromBody] PatchSplitRequest request, CancellationToken cancellationToken)
    {
        return (await splits.PatchAsync(id, request, cancellationToken)).ToActionResult(job => Ok(job.ToDto(BaseUrl)));
    }

    [HttpDelete("{id}")]
    [RequireScope(Scopes.SplitsWrite)]
    [EndpointSummary("Delete a job and its files")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ErrorResponse(StatusCodes.Status404NotFound)]
    [ErrorResponse(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Delete(string id, CancellationToken cancellationToken)
    {
        return (await splits.DeleteAsync(id, cancellationToken)).ToActionResult(NoContent);
    }

    /// <summary>Runs a failed job again as a new job with its settings and source (as the portal's Retry does).</summary>
    [HttpPost("{id}/retry")]
    [RequireScope(Scopes.SplitsWrite)]
    [EndpointSummary("Retry a failed job as a new job with its settings")]
    [ProducesResponseType<SplitJobDto>(StatusCodes.Status201Created)]
    [ErrorResponse(StatusCodes.Status402PaymentRequired)]
    [ErrorResponse(StatusCodes.Status404NotFound)]
    [ErrorResponse(StatusCodes.Status409Conflict)]
    [ErrorResponse(StatusCodes.Status410Gone)]
    public async Task<IActionResult> Retry(string id, CancellationToken cancellationToken)
    {
        if (IdempotencyKey() is { IsSuccess: false } badKey)
        {
            return badKey.Error.ToActionResult();
        }

        var created = await retry.RetryAsync(id, IdempotencyKey().Value, cancellationToken);
        return created.ToActionResult(Created);
    }

    private IActionResult Created(CreatedJob created)
    {
        if (created.Replayed)
        {
            Response.Headers["Idempotent-Replayed"] = "true";
        }

        Response.Headers.Location = $"/api/v1/splits/{created.Job.Id}";
        return StatusCode(StatusCodes.Status201Created, created.Job.ToDto(BaseUrl));
    }

    /// <summary>Reads a multipart body; refused part-way, the rest is not read (HTTP/1.1 would drain it to keep the connection).</summary>
    private async Task<Result<UploadForm>> ReadFormAsync()
    {
        var reader = HttpContext.RequestServices.GetRequiredService<SplitUploadReader>();
        var form = await reader.ReadAsync(Request, HttpContext.RequestAborted);
        if (!form.IsSuccess)
        {
            RequestBodyLimit.CloseConnection(HttpContext);
        }

        return form;
    }

    private Result<string?> IdempotencyKey()
    {
        var value = Request.Headers[IdempotencyHeader].ToString();
        if (value.Length == 0)
        {
            return (string?)null;
        }

        return value.Length <= 255 && value.All(c => c is >= '!' and <= '~')
            ? value
            : AppError.Validation([new FieldError(IdempotencyHeader, "Must be 1–255 visible ASCII characters.")]);
    }

    private string BaseUrl => $"{Request.Scheme}://{Request.Host}{Request.PathBase}";
}

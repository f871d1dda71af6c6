using System.Security.Claims;
using AudioPortal.Core.Accounts;
using AudioPortal.Core.Billing;
using AudioPortal.Core.Errors;
using AudioPortal.Core.Splits;
using AudioPortal.Core.Telemetry;
using AudioPortal.Web.Errors;
using AudioPortal.Web.Limits;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;

namespace AudioPortal.Web.Portal;

/// <summary>
/// The few plain-HTTP endpoints behind the portal's pages, authenticated by the Identity cookie. The upload goes
/// over HTTP (not through the SignalR circuit) so a large file streams straight to storage with a progress bar.
/// </summary>
public static class PortalEndpoints
{
    /// <summary>The header that carries the file's (URI-encoded) name with a raw-body upload.</summary>
    public const string FileNameHeader = "X-File-Name";

    public static WebApplication MapPortal(this WebApplication app)
    {
        app.MapPost("/portal/uploads", UploadAsync).ExcludeFromDescription();
        app.MapGet("/portal/invoices/{invoiceId}", InvoiceAsync).ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// The request body is the file itself (no multipart, nothing buffered). Answers <c>{uploadId, fileName, size}</c>;
    /// the page then probes the upload and, once the user commits, creates the job from it.
    /// </summary>
    private static async Task UploadAsync(
        HttpContext http, IAntiforgery antiforgery, PortalUploads uploads, UploadStaging splits, CurrentAccount current, AudioPortalMetrics metrics)
    {
        if (SignedInAccount(http) is not { } accountId)
        {
            await ErrorEnvelope.WriteAsync(http, ErrorCatalog.Unauthorized.WithMessage("Sign in to upload."));
            return;
        }

        if (!await antiforgery.IsRequestValidAsync(http))
        {
            await ErrorEnvelope.WriteAsync(http, ErrorCatalog.InvalidParams.WithMessage("The page's security token is missing or stale; reload the page and try again."));
            return;
        }

        current.Set(accountId, Scopes.All);
        var max = await splits.GetMaxFileSizeAsync(http.RequestAborted);
        if (!max.IsSuccess)
        {
            await ErrorEnvelope.WriteAsync(http, max.Error);
            return;
        }

        if (http.Request.ContentLength > max.Value)
        {
            await ErrorEnvelope.WriteAsync(http, ErrorCatalog.FileTooLarge.WithDetails(new Dictionary<string, object?> { ["maxFileSize"] = max.Value }));
            return;
        }

        // The body is the file alone: the plan's limit is the body's limit, with or without Content-Length (Kestrel's 30 MB
        // default would cut large sources short; the store enforces the same limit as it writes).
        RequestBodyLimit.Apply(http, max.Value);
        var name = http.Request.Headers[FileNameHeader].ToString();
        Result<StagedUpload> staged;
        try
        {
            staged = await splits.StageUploadAsync(string.IsNullOrEmpty(name) ? null : Uri.UnescapeDataString(name), http.Request.Body, http.RequestAborted);
        }
        catch (IOException e) when (RequestBodyLimit.IsTooLarge(e))
        {
            staged = ErrorCatalog.FileTooLarge.WithDetails(new Dictionary<string, object?> { ["maxFileSize"] = max.Value });
        }

        if (!staged.IsSuccess)
        {
            RequestBodyLimit.CloseConnection(http);
            await ErrorEnvelope.WriteAsync(http, staged.Error);
            return;
        }

        metrics.Received(staged.Value.Size, "upload");
        var id = uploads.Add(accountId, staged.Value);
        await Results.Json(new { uploadId = id, fileName = staged.Value.FileName, size = staged.Value.Size }).ExecuteAsync(http);
    }

    /// <summary>The invoice as a printable document, for the billing page's download link.</summary>
    private static async Task InvoiceAsync(string invoiceId, HttpContext http, BillingService billing, InvoiceDocument document)
    {
        if (SignedInAccount(http) is not { } accountId)
        {
            await ErrorEnvelope.WriteAsync(http, ErrorCatalog.Unauthorized.WithMessage("Sign in to see invoices."));
            return;
        }

        var invoice = await billing.GetInvoiceAsync(accountId, invoiceId, http.RequestAborted);
        if (!invoice.IsSuccess)
        {
            await ErrorEnvelope.WriteAsync(http, invoice.Error);
            return;
        }

        await Results.Content(document.Render(invoice.Value, billing.ProviderName), "text/html; charset=utf-8").ExecuteAsync(http);
    }

    /// <summary>
    /// The account of the portal cookie, and nothing else: API keys and tokens are not portal sessions (the scheme
    /// selector never picks them here; this check keeps it so if that ever changes).
    /// </summary>
    private static string? SignedInAccount(HttpContext http) =>
        http.User.Identity is { IsAuthenticated: true } identity && identity.AuthenticationType == IdentityConstants.ApplicationScheme
            ? http.User.FindFirstValue(ClaimTypes.NameIdentifier)
            : null;
}

using AudioPortal.Core.Data;
using AudioPortal.Core.Errors;
using AudioPortal.Core.Sources;
using AudioPortal.Core.Splits;
using AudioPortal.Core.Storage;
using AudioPortal.Core.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace AudioPortal.Core.Accounts;

/// <summary>An export as <c>POST/GET /account/export</c> and the portal show it. The link is relative until the host makes it absolute.</summary>
public sealed record AccountExportView(
    string ExportId,
    string Status,
    string Format,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EstimatedCompletionAt,
    DateTimeOffset? CompletedAt,
    long? Size,
    string? FileName,
    string? DownloadUrl,
    DateTimeOffset? DownloadExpiresAt,
    DateTimeOffset? FilesExpireAt,
    ExportErrorView? Error);

/// <summary>Why an export failed: a catalog code and its message.</summary>
public sealed record ExportErrorView(string Code, string Message);

/// <summary>
/// Starts exports of the current account's data and reports on them (API.md §8). The file itself is written by
/// <see cref="AccountExportWorker"/>; this records the request, wakes the worker and mints signed links to finished
/// files. Another account's export is simply not found (tenant filter), never forbidden.
/// </summary>
public sealed class AccountExportService(
    AppDbContext db, ICurrentAccount current, AddressGuard guard, WebhooksOptions webhooks, SignedUrls signer, AccountExportSignal signal,
    AccountsOptions options, TimeProvider clock)
{
    /// <summary>A rough promise for <c>estimatedCompletionAt</c>: exports are small and the worker picks them up at once.</summary>
    public static readonly TimeSpan EstimatedDuration = TimeSpan.FromMinutes(1);

    public static string DownloadPath(string exportId) => $"/api/v1/account/export/{exportId}/download";

    public async Task<Result<AccountExportView>> CreateAsync(string? format, string? webhookUrl, CancellationToken cancellationToken)
    {
        if (current.AccountId is not { } accountId)
        {
            return ErrorCatalog.Unauthorized.ToError();
        }

        // The contract makes format optional: no body, {} or a blank format mean JSON.
        format = string.IsNullOrWhiteSpace(format) ? ExportFormats.Json : format.Trim().ToLowerInvariant();
        if (!ExportFormats.All.Contains(format))
        {
            return AppError.Validation([new FieldError("format", "Must be json or csv.")]);
        }

        if (webhookUrl is not null)
        {
            var checkedUrl = await guard.CheckUrlAsync(webhookUrl, webhooks.AllowPrivateNetworks, cancellationToken);
            if (!checkedUrl.IsSuccess)
            {
                return checkedUrl.Error.Definition.WithDetails(Fields("webhookUrl", checkedUrl.Error.Message), checkedUrl.Error.Message);
            }
        }

        // A second request for the same format while one is still being written answers with that one.
        var pending = await db.Set<AccountExport>().AsNoTracking()
            .Where(e => e.Format == format && (e.Status == ExportStatus.Queued || e.Status == ExportStatus.Processing))
            .OrderByDescending(e => e.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        if (pending is not null)
        {
            return ToView(pending);
        }

        var export = new AccountExport { AccountId = accountId, Format = format, WebhookUrl = webhookUrl?.Trim(), CreatedAt = clock.GetUtcNow() };
        db.Add(export);
        await db.SaveChangesAsync(cancellationToken);
        signal.Notify();
        return ToView(export);
    }

    public async Task<Result<AccountExportView>> GetAsync(string exportId, CancellationToken cancellationToken)
    {
        if (current.AccountId is null)
        {
            return ErrorCatalog.Unauthorized.ToError();
        }

        var export = await db.Set<AccountExport>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == exportId, cancellationToken);
        return export is null ? ErrorCatalog.NotFound.WithMessage($"No export '{exportId}'.") : ToView(export);
    }

    /// <summary>The account's most recent exports, newest first (the portal's list).</summary>
    public async Task<Result<IReadOnlyList<AccountExportView>>> ListRecentAsync(int count, CancellationToken cancellationToken)
    {
        if (current.AccountId is null)
        {
            return ErrorCatalog.Unauthorized.ToError();
        }

        var exports = await db.Set<AccountExport>().AsNoTracking().OrderByDescending(e => e.CreatedAt).Take(count).ToListAsync(cancellationToken);
        return exports.Select(ToView).ToList();
    }

    /// <summary>
    /// Resolves a signed download link. The link is the credential, so the export is looked up across accounts;
    /// the signed path pins it to one export. 401 bad signature, 410 expired link or file gone.
    /// </summary>
    public async Task<Result<DownloadFile>> OpenDownloadAsync(string method, string exportId, string? expires, string? sig, CancellationToken cancellationToken)
    {
        var verified = signer.Verify(method, DownloadPath(exportId), expires, sig);
        if (!verified.IsSuccess)
        {
            return verified.Error;
        }

        var export = await db.Set<AccountExport>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(e => e.Id == exportId, cancellationToken);
        if (export is null || export.Status != ExportStatus.Completed || export.BlobKey is null)
        {
            return ErrorCatalog.NotFound.WithMessage($"No export '{exportId}'.");
        }

        return export.FilesDeletedAt is not null || export.ExpiresAt <= clock.GetUtcNow()
            ? ErrorCatalog.DownloadExpired.WithMessage("The export's file has been deleted; start a new export.")
            : new DownloadFile(export.BlobKey, export.FileName, ExportFormats.ContentType(export.Format), export.Size ?? 0);
    }

    private AccountExportView ToView(AccountExport export)
    {
        var now = clock.GetUtcNow();
        var available = export.Status == ExportStatus.Completed && export.FilesDeletedAt is null && export.BlobKey is not null &&
            (export.ExpiresAt is null || export.ExpiresAt > now);
        SignedUrl? link = null;
        if (available)
        {
            // Never valid past the file's own expiry.
            var lifetime = export.ExpiresAt is { } expires && expires - now < options.ExportLinkLifetime ? expires - now : options.ExportLinkLifetime;
            link = signer.Sign(DownloadPath(export.Id), lifetime);
        }

        var pending = export.Status is ExportStatus.Queued or ExportStatus.Processing;
        return new AccountExportView(
            export.Id, export.Status, export.Format, export.CreatedAt,
            pending ? Later(export.StartedAt ?? export.CreatedAt, now) : export.CompletedAt,
            export.CompletedAt, export.Size, export.Status == ExportStatus.Completed ? export.FileName : null,
            link?.PathAndQuery, link?.ExpiresAt, export.ExpiresAt,
            export.ErrorCode is null ? null : new ExportErrorView(export.ErrorCode, export.ErrorMessage ?? ""));
    }

    private static DateTimeOffset Later(DateTimeOffset started, DateTimeOffset now)
    {
        var estimate = started + EstimatedDuration;
        return estimate > now ? estimate : now + TimeSpan.FromSeconds(10);
    }

    private static Dictionary<string, object?> Fields(string field, string message) =>
        new() { ["fields"] = new[] { new FieldError(field, message) } };
}

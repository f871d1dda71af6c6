using AudioPortal.Core.Accounts;

namespace AudioPortal.Web.Accounts;

/// <summary>The JSON shapes of <c>/api/v1/account</c> (API.md §8), mapped from the domain views.</summary>
public static class AccountContracts
{
    public sealed record ExportRequest(string? Format, string? WebhookUrl);

    public sealed record DeleteAccountRequest(string? Confirmation);

    /// <summary>The 202 answer to <c>POST /account/export</c>, exactly the contract's four fields.</summary>
    public sealed record ExportStartedDto(string ExportId, string Status, string Format, DateTimeOffset? EstimatedCompletionAt);

    public sealed record ExportErrorDto(string Code, string Message);

    /// <summary><b>Ext</b>: <c>GET /account/export/{id}</c>; <c>downloadUrl</c> is a signed link once the file is ready.</summary>
    public sealed record ExportDto(
        string ExportId, string Status, string Format, DateTimeOffset CreatedAt, DateTimeOffset? EstimatedCompletionAt, DateTimeOffset? CompletedAt,
        long? Size, string? FileName, string? DownloadUrl, DateTimeOffset? ExpiresAt, DateTimeOffset? FileExpiresAt, ExportErrorDto? Error);

    public sealed record AccountDeletedDto(string Message, DateTimeOffset DeletionScheduledAt);

    public static ExportStartedDto ToStartedDto(this AccountExportView view) => new(view.ExportId, view.Status, view.Format, view.EstimatedCompletionAt);

    public static ExportDto ToDto(this AccountExportView view, string baseUrl) => new(
        view.ExportId, view.Status, view.Format, view.CreatedAt, view.EstimatedCompletionAt, view.CompletedAt, view.Size, view.FileName,
        view.DownloadUrl is null ? null : baseUrl + view.DownloadUrl, view.DownloadExpiresAt, view.FilesExpireAt,
        view.Error is null ? null : new ExportErrorDto(view.Error.Code, view.Error.Message));
}

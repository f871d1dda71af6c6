using AudioPortal.Core.Accounts;
using AudioPortal.Core.Errors;
using AudioPortal.Core.Sources;
using AudioPortal.Core.Storage;

namespace AudioPortal.Core.Splits;

/// <summary>
/// Uploads on their way to becoming a job's source: the size the account may send, streaming one into storage,
/// and discarding one that will not be used. Called by the API's multipart reader and the portal's upload endpoint.
/// </summary>
public sealed class UploadStaging(
    CurrentPlan plan, ICurrentAccount current, IBlobStore store, StorageGuard storage, SourceDownloader downloader, SplitsOptions options)
{
    /// <summary>The largest source the current account may upload (the plan's, 10 MiB for test keys).</summary>
    public async Task<Result<long>> GetMaxFileSizeAsync(CancellationToken cancellationToken)
    {
        var found = await plan.GetAsync(cancellationToken);
        return found.IsSuccess ? SplitLimits.MaxFileSize(found.Value, current.IsTestKey, options) : found.Error;
    }

    /// <summary>
    /// Streams an upload into storage, enforcing the size limit as it arrives (FILE_TOO_LARGE, partial file removed).
    /// Pass the result to <see cref="SplitCreation.CreateAsync"/>, or to <see cref="DiscardAsync"/> if the request fails before.
    /// </summary>
    public Task<Result<StagedUpload>> StageUploadAsync(string? fileName, Stream content, CancellationToken cancellationToken) =>
        StageAsync(async (key, limit) =>
        {
            var written = await store.WriteAsync(key, content, limit, cancellationToken);
            if (!written.IsSuccess)
            {
                return written.Error;
            }

            if (written.Value.Size == 0)
            {
                return AppError.Validation([new FieldError("file", "The uploaded file is empty.")]);
            }

            var name = string.IsNullOrWhiteSpace(fileName) ? null : Path.GetFileName(fileName.Replace('\\', '/'));
            return new StagedUpload(key, name is { Length: > 255 } ? name[..255] : name, written.Value.Size, written.Value.Sha256);
        }, cancellationToken);

    /// <summary>Downloads a source URL into staging under the same limits as an upload (for a preview; the caller discards it).</summary>
    public Task<Result<StagedUpload>> StageUrlAsync(string url, CancellationToken cancellationToken) =>
        StageAsync(async (key, limit) =>
        {
            var downloaded = await downloader.DownloadAsync(url, key, limit, cancellationToken);
            return downloaded.IsSuccess ? new StagedUpload(key, downloaded.Value.FileName, downloaded.Value.Size, "") : downloaded.Error;
        }, cancellationToken);

    /// <summary>Writes a new staging key with <paramref name="write"/> within the plan's file size and the account's room; a failure leaves nothing.</summary>
    private async Task<Result<StagedUpload>> StageAsync(Func<string, long, Task<Result<StagedUpload>>> write, CancellationToken cancellationToken)
    {
        var found = await plan.GetAsync(cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var room = await storage.RoomLeftAsync(current.AccountId!, found.Value, cancellationToken);
        if (!room.IsSuccess)
        {
            return room.Error;
        }

        var max = SplitLimits.MaxFileSize(found.Value, current.IsTestKey, options);
        var key = BlobKeys.Staged(current.AccountId!, Ids.New("upl"));
        var staged = await write(key, Math.Min(max, room.Value));
        if (!staged.IsSuccess)
        {
            await store.DeleteAsync(key);
            return StorageGuard.Explain(staged.Error, found.Value, max, room.Value);
        }

        return staged;
    }

    /// <summary>Removes a staged upload that will not become a job (always succeeds; a missing file is fine).</summary>
    public async Task<Result> DiscardAsync(StagedUpload upload)
    {
        await store.DeleteAsync(upload.Key);
        return Result.Success;
    }
}

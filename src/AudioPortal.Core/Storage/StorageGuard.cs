using AudioPortal.Core.Errors;
using AudioPortal.Core.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AudioPortal.Core.Storage;

/// <summary>The data folder's free space against <see cref="StorageOptions.MinFreeBytes"/>, for <c>/readyz</c>.</summary>
public sealed record FreeSpaceState(bool Ok, long AvailableBytes, long MinFreeBytes);

/// <summary>
/// Decides whether new files may be stored: the data folder must have more free space than the floor, and the
/// account must be under its plan's <see cref="IStorageCap.MaxStorageBytes"/>. The API, the portal and the worker all ask
/// here. An account's use is measured by walking its one folder (<see cref="IStorageUsage"/>), only when new work
/// arrives, never per ordinary request; that stays cheap because retention keeps each folder small.
/// </summary>
public sealed class StorageGuard(
    IStorageUsage usage, IFreeSpace freeSpace, StorageRoot root, IOptions<StorageOptions> options, AudioPortalMetrics metrics, ILogger<StorageGuard> logger)
{
    private int _low;

    public FreeSpaceState FreeSpace()
    {
        var min = options.Value.MinFreeBytes;
        if (min <= 0)
        {
            return new FreeSpaceState(true, -1, 0);
        }

        long available;
        try
        {
            available = freeSpace.AvailableBytes(root.Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Unmeasurable is not full: a failed look-up must not stop the service; a real full disk still fails writes.
            logger.LogDebug(e, "Could not measure the data folder's free space");
            return new FreeSpaceState(true, -1, min);
        }

        var ok = available >= min;
        NoteTransition(ok, available, min);
        return new FreeSpaceState(ok, available, min);
    }

    /// <summary>SERVICE_UNAVAILABLE (details say storage) while the data folder is under the free-space floor.</summary>
    public Result CheckFreeSpace() => FreeSpace().Ok
        ? Result.Success
        : ErrorCatalog.ServiceUnavailable.WithDetails(
            new Dictionary<string, object?> { ["reason"] = "storage" },
            "The server is low on storage space, so new uploads and jobs are paused; try again later.");

    /// <summary>Bytes the account may still add; refused when the disk is low or the account is at its plan's cap.</summary>
    public async Task<Result<long>> RoomLeftAsync(string accountId, IStorageCap plan, CancellationToken cancellationToken)
    {
        var disk = CheckFreeSpace();
        if (!disk.IsSuccess)
        {
            return disk.Error;
        }

        return await RoomUnderCapAsync(accountId, plan, cancellationToken);
    }

    /// <summary>Bytes the account may still add under its plan's cap, whatever the disk (the worker finishing accepted work).</summary>
    public async Task<Result<long>> RoomUnderCapAsync(string accountId, IStorageCap plan, CancellationToken cancellationToken)
    {
        if (plan.MaxStorageBytes <= 0)
        {
            return long.MaxValue;
        }

        var used = await usage.BytesUsedAsync(accountId, cancellationToken);
        return used < plan.MaxStorageBytes ? plan.MaxStorageBytes - used : Refuse(plan);
    }

    /// <summary>
    /// Whether a job may start: free space above the floor, and the account under its cap — or, when its source is
    /// already stored (a staged upload, counted in the use), not over it.
    /// </summary>
    public async Task<Result> CheckCanStartAsync(string accountId, IStorageCap plan, bool sourceStored, CancellationToken cancellationToken)
    {
        if (sourceStored)
        {
            var disk = CheckFreeSpace();
            return disk.IsSuccess ? await CheckWithinLimitAsync(accountId, plan, cancellationToken) : disk;
        }

        var room = await RoomLeftAsync(accountId, plan, cancellationToken);
        return room.IsSuccess ? Result.Success : room.Error;
    }

    /// <summary>After a file has landed (a downloaded source): STORAGE_LIMIT_EXCEEDED when the account is now over its cap.</summary>
    public async Task<Result> CheckWithinLimitAsync(string accountId, IStorageCap plan, CancellationToken cancellationToken)
    {
        if (plan.MaxStorageBytes <= 0)
        {
            return Result.Success;
        }

        var used = await usage.BytesUsedAsync(accountId, cancellationToken);
        return used <= plan.MaxStorageBytes ? Result.Success : Refuse(plan);
    }

    /// <summary>
    /// A write limited to the smaller of the file-size limit and the account's room that hit its limit: when the room
    /// was the smaller, it is the storage cap the file ran into, not the file size.
    /// </summary>
    public static AppError Explain(AppError writeError, IStorageCap plan, long maxFileSize, long room) =>
        writeError.Code == ErrorCatalog.FileTooLarge.Code && room < maxFileSize ? LimitExceeded(plan) : writeError;

    public static AppError LimitExceeded(IStorageCap plan) => ErrorCatalog.StorageLimitExceeded.WithDetails(
        new Dictionary<string, object?> { ["maxStorageBytes"] = plan.MaxStorageBytes });

    /// <summary>A refusal this guard decided: counted, then explained.</summary>
    private AppError Refuse(IStorageCap plan)
    {
        metrics.QuotaRefused(ErrorCatalog.StorageLimitExceeded.Code);
        return LimitExceeded(plan);
    }

    /// <summary>One log line when the floor is crossed either way, not one per refused request.</summary>
    private void NoteTransition(bool ok, long available, long min)
    {
        var wasLow = Interlocked.Exchange(ref _low, ok ? 0 : 1) == 1;
        if (!ok && !wasLow)
        {
            logger.LogWarning("The data folder has {Available} bytes free, under Storage:MinFreeBytes ({Min}); refusing new uploads and jobs until space is freed", available, min);
        }
        else if (ok && wasLow)
        {
            logger.LogInformation("The data folder has {Available} bytes free again; accepting new uploads and jobs", available);
        }
    }
}

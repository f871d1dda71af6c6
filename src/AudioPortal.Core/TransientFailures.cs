using AudioPortal.Core.Errors;

namespace AudioPortal.Core;

/// <summary>
/// Failures that say nothing about the job itself — the server's disk is full, ffmpeg is missing or storage is
/// unavailable — so the job is queued again later (bounded by <c>Splits:MaxAttempts</c>) instead of
/// failing for good.
/// </summary>
public static class TransientFailures
{
    private const int EnospcErrno = 28;
    private const int ErrorDiskFull = unchecked((int)0x80070070);
    private const int ErrorHandleDiskFull = unchecked((int)0x80070027);

    /// <summary>An I/O error for lack of space (ENOSPC on Unix, the two disk-full codes on Windows), anywhere in the chain.</summary>
    public static bool IsDiskFull(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is IOException { HResult: EnospcErrno or ErrorDiskFull or ErrorHandleDiskFull })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Catalog errors that a later attempt may not hit: today only <c>SERVICE_UNAVAILABLE</c>.</summary>
    public static bool IsTransient(AppError error) => error.Code == ErrorCatalog.ServiceUnavailable.Code;

    public static AppError DiskFull() =>
        ErrorCatalog.ServiceUnavailable.WithMessage("The server ran out of disk space while processing the job.");
}

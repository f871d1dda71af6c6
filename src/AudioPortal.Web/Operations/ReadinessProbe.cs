using AudioPortal.Audio;
using AudioPortal.Audio.Ffmpeg;
using AudioPortal.Core.Data;
using AudioPortal.Core.Storage;
using AudioPortal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AudioPortal.Web.Operations;

/// <summary>One dependency's state in <c>/readyz</c>.</summary>
public sealed record ReadinessCheck(bool Ok, string? Detail);

/// <summary>
/// Checks what AudioPortal needs to do its work: the database, writable storage, free disk space and ffmpeg.
/// <c>/readyz</c> answers anyone, so details say what is wrong in words; paths and exception texts go to the log.
/// </summary>
public sealed class ReadinessProbe(AppDbContext db, DataFolder data, AudioEngineOptions ffmpeg, StorageGuard storage, ILogger<ReadinessProbe> logger)
{
    public async Task<IReadOnlyDictionary<string, ReadinessCheck>> CheckAsync(CancellationToken cancellationToken)
    {
        return new Dictionary<string, ReadinessCheck>
        {
            ["database"] = await CheckDatabaseAsync(cancellationToken),
            ["storage"] = await CheckStorageAsync(cancellationToken),
            ["diskSpace"] = CheckDiskSpace(),
            ["ffmpeg"] = CheckFfmpeg(),
        };
    }

    private async Task<ReadinessCheck> CheckDatabaseAsync(CancellationToken cancellationToken) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? new ReadinessCheck(true, db.Database.ProviderName)
            : new ReadinessCheck(false, "cannot connect to the database");

    private async Task<ReadinessCheck> CheckStorageAsync(CancellationToken cancellationToken)
    {
        try
        {
            var probe = Path.Combine(data.Root, $".readyz-{Guid.NewGuid():N}");
            await File.WriteAllTextAsync(probe, "ok", cancellationToken);
            File.Delete(probe);
            return new ReadinessCheck(true, "writable");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogError(e, "Readiness: the data folder {DataFolder} is not writable", data.Root);
            return new ReadinessCheck(false, "data folder is not writable");
        }
    }

    /// <summary>Sizes only, never the folder: <c>/readyz</c> answers without credentials.</summary>
    private ReadinessCheck CheckDiskSpace()
    {
        var space = storage.FreeSpace();
        return space switch
        {
            { MinFreeBytes: <= 0 } => new ReadinessCheck(true, "free-space check off (Storage:MinFreeBytes is 0)"),
            { AvailableBytes: < 0 } => new ReadinessCheck(true, "free space could not be measured"),
            { Ok: true } => new ReadinessCheck(true, $"{space.AvailableBytes} bytes free"),
            _ => new ReadinessCheck(false, $"low on disk space: {space.AvailableBytes} bytes free, under Storage:MinFreeBytes ({space.MinFreeBytes}); new uploads and jobs are refused"),
        };
    }

    private ReadinessCheck CheckFfmpeg()
    {
        if (FfmpegLocator.Locate(ffmpeg.FfmpegPath, ffmpeg.FfprobePath) is { } found)
        {
            return new ReadinessCheck(true, $"ffmpeg {found.Version}");
        }

        logger.LogError("Readiness: ffmpeg not found at '{FfmpegPath}' / '{FfprobePath}'", ffmpeg.FfmpegPath, ffmpeg.FfprobePath);
        return new ReadinessCheck(false, "ffmpeg not found: install the ffmpeg package (apt-get install -y ffmpeg)");
    }
}

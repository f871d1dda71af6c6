using System.Text.Json;
using AudioPortal.Core.Accounts;
using AudioPortal.Core.Billing;
using AudioPortal.Core.Data;
using AudioPortal.Core.Errors;
using AudioPortal.Core.Sources;
using AudioPortal.Core.Splits.Presets;
using AudioPortal.Core.Storage;
using AudioPortal.Core.Telemetry;
using Microsoft.EntityFrameworkCore;

namespace AudioPortal.Core.Splits;

/// <summary>
/// Creates queued jobs for the current account: <c>POST /splits</c>, the portal's New split page and retries.
/// Both callers see the same rules and the same catalog errors.
/// </summary>
public sealed class SplitCreation(
    AppDbContext db,
    ICurrentAccount current,
    CurrentPlan plan,
    IBlobStore store,
    SplitRequestChecks checks,
    PresetCatalog presets,
    SplitPreview preview,
    SplitIdempotency idempotency,
    StorageGuard storage,
    IUsageMeter meter,
    JobSignal signal,
    IJobEvents events,
    SplitJobViews views,
    AudioPortalMetrics metrics,
    TimeProvider clock)
{
    /// <summary>
    /// Creates a queued job from a source URL or a staged upload. An upload is probed first, so UNSUPPORTED_FORMAT,
    /// CORRUPT_FILE and DURATION_TOO_LONG come back at once. The staged upload is consumed either way.
    /// </summary>
    public async Task<Result<CreatedJob>> CreateAsync(CreateSplitRequest request, StagedUpload? upload, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var result = await CreateCoreAsync(request, upload, idempotencyKey, cancellationToken);
        if (upload is not null && (!result.IsSuccess || result.Value.Replayed))
        {
            await store.DeleteAsync(upload.Key);
        }

        return result;
    }

    private async Task<Result<CreatedJob>> CreateCoreAsync(CreateSplitRequest request, StagedUpload? upload, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var found = await plan.GetAsync(cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var accountId = current.AccountId!;
        var requestHash = SplitIdempotency.Fingerprint(request, upload);
        if (idempotencyKey is not null && await idempotency.ReplayAsync(idempotencyKey, requestHash, cancellationToken) is { } replay)
        {
            return replay;
        }

        // After the replay: a retried request that already made its job gets that job, even with the account now full.
        var room = await storage.CheckCanStartAsync(accountId, found.Value, sourceStored: upload is not null, cancellationToken);
        if (!room.IsSuccess)
        {
            return room.Error;
        }

        var preset = presets.Apply(request);
        if (!preset.IsSuccess)
        {
            return preset.Error;
        }

        request = preset.Value;
        var mode = await checks.CheckNewAsync(request, upload is not null, cancellationToken);
        if (!mode.IsSuccess)
        {
            return mode.Error;
        }

        var now = clock.GetUtcNow();
        var job = new SplitJob
        {
            AccountId = accountId,
            SplitMode = mode.Value,
            SegmentDuration = mode.Value == SplitModes.Duration ? request.SegmentDuration : null,
            MaxFileSize = mode.Value == SplitModes.Chapters ? null : request.MaxFileSize,
            Parts = mode.Value == SplitModes.Parts ? request.Parts : null,
            OutputFormat = request.OutputFormat?.ToLowerInvariant(),
            SourceUrl = request.SourceUrl is null ? null : AddressGuard.ParseUrl(request.SourceUrl).Value.AbsoluteUri,
            WebhookUrl = request.WebhookUrl?.Trim(),
            MetadataJson = JsonSerializer.Serialize(request.Metadata ?? []),
            IsTestKey = current.IsTestKey,
            CreatedAt = now,
            FilesExpireAt = now + found.Value.Retention,
        };
        SplitLimits.ApplySmartCuts(job, request);

        if (upload is not null)
        {
            var probed = await ProbeUploadAsync(job, upload, cancellationToken);
            if (!probed.IsSuccess)
            {
                return probed.Error;
            }
        }

        var allowed = await meter.CheckCanStartAsync(accountId, job.SourceDuration, job.IsTestKey, cancellationToken);
        if (!allowed.IsSuccess)
        {
            return allowed.Error;
        }

        return await InsertAsync(job, upload, idempotencyKey, requestHash, cancellationToken);
    }

    private async Task<Result<CreatedJob>> InsertAsync(SplitJob job, StagedUpload? upload, string? idempotencyKey, string requestHash, CancellationToken cancellationToken)
    {
        if (upload is not null)
        {
            job.SourceKey = BlobKeys.Source(job.AccountId, job.Id);
            await store.MoveAsync(upload.Key, job.SourceKey);
        }

        db.Set<SplitJob>().Add(job);
        var created = views.ToView(job);
        if (idempotencyKey is not null)
        {
            idempotency.Remember(job, created, idempotencyKey, requestHash);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (idempotencyKey is not null)
        {
            // The same key raced in from another request and won: answer as its replay.
            db.ChangeTracker.Clear();
            if (job.SourceKey is not null)
            {
                await store.DeletePrefixAsync(BlobKeys.JobFolder(job.AccountId, job.Id));
            }

            var replay = await idempotency.ReplayAsync(idempotencyKey, requestHash, cancellationToken);
            return replay ?? throw new InvalidOperationException("Idempotency record vanished during a race.");
        }

        signal.Notify();
        metrics.JobQueued();
        events.Publish(new JobEvent(job.AccountId, job.Id, job.Status, 0, null));
        return new CreatedJob(created, Replayed: false);
    }

    /// <summary>Probes an upload and plans it, filling the source fields; engine failures become catalog errors.</summary>
    private async Task<Result> ProbeUploadAsync(SplitJob job, StagedUpload upload, CancellationToken cancellationToken)
    {
        var probe = await preview.ProbeAsync(upload, job.SplitMode, cancellationToken);
        if (!probe.IsSuccess)
        {
            return probe.Error;
        }

        var info = probe.Value;
        job.SourceFileName = upload.FileName;
        job.SourceSize = upload.Size;
        job.SourceFormat = SplitLimits.FormatName(info.Container);
        job.SourceDuration = info.DurationSeconds;
        job.OutputFormat ??= SplitLimits.DefaultOutput(info.Container);
        return preview.CheckPlan(info, job, $"upload {upload.Key}");
    }
}

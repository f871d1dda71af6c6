using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AudioPortal.Audio;
using AudioPortal.Audio.Writing;
using AudioPortal.Core.Accounts;
using AudioPortal.Core.Billing;
using AudioPortal.Core.Data;
using AudioPortal.Core.Errors;
using AudioPortal.Core.Sources;
using AudioPortal.Core.Storage;
using AudioPortal.Core.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AudioPortal.Core.Splits;

/// <summary>
/// Split jobs of the current account: create, read, list, change and delete. Called by the API controller and,
/// in-process, by the portal; both see the same rules and the same catalog errors.
/// </summary>
public sealed partial class SplitService(
    AppDbContext db,
    ICurrentAccount current,
    PlanCatalog plans,
    IBlobStore store,
    AddressGuard guard,
    AudioEngine engine,
    SplitJobViews views,
    SplitsOptions options,
    SourcesOptions sources,
    WebhooksOptions webhooks,
    JobSignal signal,
    IJobEvents events,
    StorageGuard storage,
    TimeProvider clock,
    IUsageMeter? meter = null,
    ILogger<SplitService>? logger = null)
{
    /// <summary>The largest source the current account may upload (the plan's, 10 MiB for test keys).</summary>
    public async Task<Result<long>> GetMaxFileSizeAsync(CancellationToken cancellationToken)
    {
        var plan = await CurrentPlanAsync(cancellationToken);
        return plan.IsSuccess ? SplitLimits.MaxFileSize(plan.Value, current.IsTestKey, options) : plan.Error;
    }

    /// <summary>
    /// Streams an upload into storage, enforcing the size limit as it arrives (FILE_TOO_LARGE, partial file removed).
    /// Pass the result to <see cref="CreateAsync"/>, or to <see cref="DiscardAsync"/> if the request fails before.
    /// </summary>
    public async Task<Result<StagedUpload>> StageUploadAsync(string? fileName, Stream content, CancellationToken cancellationToken)
    {
        var plan = await CurrentPlanAsync(cancellationToken);
        if (!plan.IsSuccess)
        {
            return plan.Error;
        }

        var room = await storage.RoomLeftAsync(current.AccountId!, plan.Value, cancellationToken);
        if (!room.IsSuccess)
        {
            return room.Error;
        }

        var max = SplitLimits.MaxFileSize(plan.Value, current.IsTestKey, options);
        var key = BlobKeys.Staged(current.AccountId!, Ids.New("upl"));
        var written = await store.WriteAsync(key, content, Math.Min(max, room.Value), cancellationToken);
        if (!written.IsSuccess)
        {
            return StorageGuard.Explain(written.Error, plan.Value, max, room.Value);
        }

        if (written.Value.Size == 0)
        {
            await store.DeleteAsync(key);
            return AppError.Validation([new FieldError("file", "The uploaded file is empty.")]);
        }

        var name = string.IsNullOrWhiteSpace(fileName) ? null : Path.GetFileName(fileName.Replace('\\', '/'));
        return new StagedUpload(key, name is { Length: > 255 } ? name[..255] : name, written.Value.Size, written.Value.Sha256);
    }

    public Task DiscardAsync(StagedUpload upload) => store.DeleteAsync(upload.Key);

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
        var plan = await CurrentPlanAsync(cancellationToken);
        if (!plan.IsSuccess)
        {
            return plan.Error;
        }

        var accountId = current.AccountId!;
        var requestHash = Fingerprint(request, upload);
        if (idempotencyKey is not null)
        {
            var replay = await ReplayAsync(idempotencyKey, requestHash, cancellationToken);
            if (replay is not null)
            {
                return replay.Value;
            }
        }

        // After the replay: a retried request that already made its job gets that job, even with the account now full.
        var room = await storage.CheckCanStartAsync(accountId, plan.Value, sourceStored: upload is not null, cancellationToken);
        if (!room.IsSuccess)
        {
            return room.Error;
        }

        var check = new SplitValidation();
        if (upload is null && request.SourceUrl is null)
        {
            check.Missing("sourceUrl", "Is required unless a file is uploaded.");
        }
        else if (upload is not null && request.SourceUrl is not null)
        {
            check.Add("sourceUrl", "Give either a file or a sourceUrl, not both.");
        }
        else if (request.SourceUrl is not null)
        {
            await check.UrlAsync("sourceUrl", request.SourceUrl, guard, sources.AllowPrivateNetworks, cancellationToken);
        }

        var mode = check.Mode(request.SplitMode, request.SegmentDuration, request.MaxFileSize, request.Parts);
        check.ModeValues(mode, request.SegmentDuration, request.MaxFileSize, request.Parts);
        check.OutputFormat(request.OutputFormat);
        if (request.WebhookUrl is not null)
        {
            await check.UrlAsync("webhookUrl", request.WebhookUrl, guard, webhooks.AllowPrivateNetworks, cancellationToken);
        }

        check.Metadata(request.Metadata);
        if (!check.IsValid)
        {
            return check.ToError();
        }

        var now = clock.GetUtcNow();
        var job = new SplitJob
        {
            AccountId = accountId,
            SplitMode = mode!,
            SegmentDuration = mode == SplitModes.Duration ? request.SegmentDuration : null,
            MaxFileSize = mode == SplitModes.FileSize ? request.MaxFileSize : null,
            Parts = mode == SplitModes.Parts ? request.Parts : null,
            OutputFormat = request.OutputFormat?.ToLowerInvariant(),
            SourceUrl = request.SourceUrl is null ? null : AddressGuard.ParseUrl(request.SourceUrl).Value.AbsoluteUri,
            WebhookUrl = request.WebhookUrl?.Trim(),
            MetadataJson = JsonSerializer.Serialize(request.Metadata ?? []),
            IsTestKey = current.IsTestKey,
            CreatedAt = now,
            FilesExpireAt = now + plan.Value.Retention,
        };

        if (upload is not null)
        {
            var probed = await ProbeUploadAsync(job, upload, cancellationToken);
            if (!probed.IsSuccess)
            {
                return probed.Error;
            }
        }

        if (meter is not null)
        {
            var allowed = await meter.CheckCanStartAsync(accountId, job.SourceDuration, job.IsTestKey, cancellationToken);
            if (!allowed.IsSuccess)
            {
                return allowed.Error;
            }
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
            db.Set<IdempotencyRecord>().Add(new IdempotencyRecord
            {
                AccountId = job.AccountId, Key = idempotencyKey, RequestHash = requestHash, JobId = job.Id, CreatedAt = job.CreatedAt,
                ResponseJson = JsonSerializer.Serialize(created, ApiJson.Options),
            });
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

            var replay = await ReplayAsync(idempotencyKey, requestHash, cancellationToken);
            return replay ?? throw new InvalidOperationException("Idempotency record vanished during a race.");
        }

        signal.Notify();
        events.Publish(new JobEvent(job.AccountId, job.Id, job.Status, 0, null));
        return new CreatedJob(created, Replayed: false);
    }

    /// <summary>Probes an upload and plans it, filling the source fields; engine failures become catalog errors.</summary>
    private async Task<Result> ProbeUploadAsync(SplitJob job, StagedUpload upload, CancellationToken cancellationToken)
    {
        if (!store.Exists(upload.Key))
        {
            // Staged too long ago: the storage sweeper has removed it.
            return AppError.Validation([new FieldError("file", "The upload has expired; upload the file again.")]);
        }

        var probe = await engine.ProbeAsync(store.GetLocalPath(upload.Key), cancellationToken);
        if (!probe.IsSuccess)
        {
            return SplitValidation.FromEngine(probe.Error, job.SplitMode, logger, $"upload {upload.Key}");
        }

        var info = probe.Value;
        job.SourceFileName = upload.FileName;
        job.SourceSize = upload.Size;
        job.SourceFormat = SplitLimits.FormatName(info.Container);
        job.SourceDuration = info.DurationSeconds;
        job.OutputFormat ??= SplitLimits.DefaultOutput(info.Container);
        var plan = engine.Plan(info, SplitLimits.ToEngineRequest(job, OutputFormats.Parse(job.OutputFormat)!.Value));
        return plan.IsSuccess ? Result.Success : SplitValidation.FromEngine(plan.Error, job.SplitMode, logger, $"upload {upload.Key}");
    }

    private async Task<Result<CreatedJob>?> ReplayAsync(string key, string requestHash, CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow() - options.IdempotencyWindow;
        var record = await db.Set<IdempotencyRecord>().AsNoTracking()
            .FirstOrDefaultAsync(r => r.Key == key && r.CreatedAt > since, cancellationToken);
        if (record is null)
        {
            return null;
        }

        if (record.RequestHash != requestHash)
        {
            return ErrorCatalog.IdempotencyConflict.ToError();
        }

        if (record.ResponseJson is not null && JsonSerializer.Deserialize<SplitJobView>(record.ResponseJson, ApiJson.Options) is { } first)
        {
            return new CreatedJob(first, Replayed: true);
        }

        var job = await db.Set<SplitJob>().AsNoTracking().Include(j => j.Segments).FirstOrDefaultAsync(j => j.Id == record.JobId, cancellationToken);
        return job is null ? ErrorCatalog.JobNotFound.ToError() : new CreatedJob(views.ToView(job), Replayed: true);
    }

    /// <summary>SHA-256 of the request's fields in a fixed order (metadata sorted), plus the uploaded bytes' hash.</summary>
    private static string Fingerprint(CreateSplitRequest request, StagedUpload? upload)
    {
        var canonical = JsonSerializer.Serialize(new object?[]
        {
            request.SourceUrl, request.SplitMode, request.SegmentDuration, request.MaxFileSize, request.Parts,
            request.OutputFormat, request.WebhookUrl, request.Metadata?.OrderBy(p => p.Key, StringComparer.Ordinal).ToArray(), upload?.Sha256,
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    private async Task<Result<Plan>> CurrentPlanAsync(CancellationToken cancellationToken)
    {
        if (current.AccountId is not { } accountId)
        {
            return ErrorCatalog.Unauthorized.ToError();
        }

        var planId = await db.Users.AsNoTracking().Where(a => a.Id == accountId).Select(a => a.PlanId).FirstOrDefaultAsync(cancellationToken);
        return planId is null ? ErrorCatalog.Unauthorized.ToError() : plans.For(planId);
    }
}

using AudioPortal.Audio;
using AudioPortal.Audio.Manifest;
using AudioPortal.Audio.Planning;
using AudioPortal.Audio.Probing;
using AudioPortal.Audio.Writing;
using AudioPortal.Core.Billing;
using AudioPortal.Core.Data;
using AudioPortal.Core.Errors;
using AudioPortal.Core.Sources;
using AudioPortal.Core.Storage;
using AudioPortal.Core.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AudioPortal.Core.Splits;

/// <summary>
/// Runs one claimed job: download a URL source, probe, plan, reserve minutes, split into a private work folder,
/// move the parts into storage under this attempt's folder, then complete in one transaction (<see cref="JobCompletion"/>).
/// A lost lease stops the work and leaves no trace; shutdown returns the job to the queue; a transient failure (disk
/// full, ffmpeg missing) queues it again later (<see cref="JobRecovery"/>); past its deadline (<see cref="JobDeadline"/>)
/// the work is stopped and the job fails with PROCESSING_TIMEOUT.
/// </summary>
public sealed class JobProcessor(
    IServiceScopeFactory scopes,
    JobQueue queue,
    JobCompletion completion,
    JobRecovery recovery,
    IBlobStore store,
    SourceDownloader downloader,
    AudioEngine engine,
    PlanCatalog plans,
    StorageGuard storage,
    SplitsOptions options,
    TimeProvider clock,
    AudioPortalMetrics metrics,
    ILogger<JobProcessor> logger)
{
    public async Task ProcessAsync(JobClaim claim, CancellationToken stopping)
    {
        var started = clock.GetTimestamp();
        var outcome = "error"; // recording the outcome itself failed (the database went away, say)
        metrics.AttemptStarted();
        try
        {
            outcome = await ProcessClaimAsync(claim, stopping);
        }
        finally
        {
            metrics.AttemptEnded(clock.GetElapsedTime(started), outcome);
        }
    }

    /// <summary>Runs the claimed job; returns how the attempt ended: completed, failed, requeued or lost.</summary>
    private async Task<string> ProcessClaimAsync(JobClaim claim, CancellationToken stopping)
    {
        var ended = "completed";
        using var deadline = new JobDeadline(options, clock);
        using var work = CancellationTokenSource.CreateLinkedTokenSource(stopping, deadline.Token);
        var leaseLost = false;
        var heartbeat = HeartbeatAsync(claim, () => { leaseLost = true; work.Cancel(); }, work.Token);
        var workDir = Path.Combine(options.WorkDirectory, $"{claim.JobId}-{claim.Token}");
        try
        {
            var outcome = await RunAsync(claim, workDir, deadline, work.Token);
            if (outcome.IsSuccess && !outcome.Value)
            {
                ended = "lost";
            }
            else if (!outcome.IsSuccess)
            {
                // A step that reports cancellation as an error (e.g. a killed encoder) must not fail the job on shutdown.
                work.Token.ThrowIfCancellationRequested();
                if (TransientFailures.IsTransient(outcome.Error))
                {
                    ended = "requeued";
                    await recovery.RetryLaterAsync(claim, outcome.Error);
                }
                else
                {
                    ended = "failed";
                    await completion.FailAsync(claim, outcome.Error);
                }

                await ReleaseAsync(claim);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested && !leaseLost)
        {
            logger.LogInformation("Shutting down: job {JobId} returns to the queue", claim.JobId);
            ended = "requeued";
            await queue.ReturnAsync(claim);
            await ReleaseAsync(claim);
        }
        catch (OperationCanceledException) when (leaseLost)
        {
            logger.LogWarning("Lost the lease on job {JobId}; another worker owns it now", claim.JobId);
            ended = "lost";
        }
        catch (OperationCanceledException) when (deadline.Expired)
        {
            logger.LogWarning("Job {JobId} passed its processing deadline of {Budget}; stopped", claim.JobId, deadline.Budget);
            ended = "failed";
            await completion.FailAsync(claim, deadline.Error());
            await ReleaseAsync(claim);
        }
        catch (Exception e) when (TransientFailures.IsDiskFull(e))
        {
            logger.LogError(e, "Job {JobId} ran out of disk space", claim.JobId);
            ended = "requeued";
            await recovery.RetryLaterAsync(claim, TransientFailures.DiskFull());
            await ReleaseAsync(claim);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Job {JobId} failed unexpectedly", claim.JobId);
            ended = "failed";
            await completion.FailAsync(claim, ErrorCatalog.InternalError.ToError());
            await ReleaseAsync(claim);
        }
        finally
        {
            await work.CancelAsync();
            await heartbeat;
            TryDeleteDirectory(workDir);
        }

        return ended;
    }

    /// <summary>Runs the job's steps; false when the lease was lost just before the commit.</summary>
    private async Task<Result<bool>> RunAsync(JobClaim claim, string workDir, JobDeadline deadline, CancellationToken ct)
    {
        SplitJob job;
        string planId;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            job = await db.Set<SplitJob>().IgnoreQueryFilters().AsNoTracking().FirstAsync(j => j.Id == claim.JobId, ct);
            planId = await db.Users.Where(a => a.Id == job.AccountId).Select(a => a.PlanId).FirstOrDefaultAsync(ct) ?? PlanCatalog.FreePlanId;
        }

        var plan = plans.For(planId);
        var download = job.SourceKey is null ? await DownloadAsync(claim, job, plan, ct) : Result.Success;
        if (!download.IsSuccess)
        {
            return download.Error;
        }

        deadline.Start();

        // The engine and ffmpeg read a plaintext file: the source decrypted once into scratch, deleted after the split.
        await using var source = await store.GetLocalFileAsync(job.SourceKey!, ct);
        var probe = await engine.ProbeAsync(source.Path, ct);
        if (!probe.IsSuccess)
        {
            return SplitValidation.FromEngine(probe.Error, job.SplitMode, logger, job.Id);
        }

        var info = probe.Value;
        deadline.ScaleTo(info.DurationSeconds);
        job.SourceFormat = SplitLimits.FormatName(info.Container);
        job.SourceDuration = info.DurationSeconds;
        job.OutputFormat ??= SplitLimits.DefaultOutput(info.Container);
        await queue.UpdateHeldAsync(claim, set => set
            .SetProperty(j => j.SourceFormat, job.SourceFormat)
            .SetProperty(j => j.SourceDuration, job.SourceDuration)
            .SetProperty(j => j.OutputFormat, job.OutputFormat), ct);

        var format = OutputFormats.Parse(job.OutputFormat)!.Value;
        var splitPlan = await engine.PlanAsync(source.Path, info, SplitLimits.ToEngineRequest(job, format), ct);
        if (!splitPlan.IsSuccess)
        {
            return SplitValidation.FromEngine(splitPlan.Error, job.SplitMode, logger, job.Id);
        }

        // Billing may register the meter as a scoped service; resolve it per use.
        await using var meterScope = scopes.CreateAsyncScope();
        var reserved = await meterScope.ServiceProvider.GetRequiredService<IUsageMeter>().ReserveAsync(job.AccountId, job.Id, info.DurationSeconds, job.IsTestKey, ct);
        if (!reserved.IsSuccess)
        {
            return reserved.Error;
        }

        await using var progress = new ProgressPump(claim, completion, job.SourceUrl is null ? 0 : 5);
        var split = await engine.SplitAsync(source.Path, info, splitPlan.Value,
            new SplitOptions(workDir, BaseName(job), Math.Max(1, options.EngineParallelism), progress) { NameTemplate = job.NameTemplate }, ct);
        if (!split.IsSuccess)
        {
            return SplitValidation.FromEngine(split.Error, job.SplitMode, logger, job.Id);
        }

        await progress.FlushAsync();
        var manifest = await AudioEngine.DescribeAsync(SourceName(job), info, splitPlan.Value, split.Value, ct);
        var segments = await StorePartsAsync(claim, split.Value, manifest, ct);
        await StoredManifests.StoreAsync(store, claim, manifest, ct);
        if (!await completion.CompleteAsync(claim, segments, plan, ct))
        {
            // The lease was lost between the split and the commit: another attempt owns the job; drop our parts.
            await store.DeletePrefixAsync($"{BlobKeys.JobFolder(claim.AccountId, claim.JobId)}/parts/{claim.Token}");
            return false;
        }

        return true;
    }

    private async Task<Result> DownloadAsync(JobClaim claim, SplitJob job, Plan plan, CancellationToken ct)
    {
        var key = BlobKeys.Source(job.AccountId, job.Id);
        var max = SplitLimits.MaxFileSize(plan, job.IsTestKey, options);
        var room = await storage.RoomUnderCapAsync(job.AccountId, plan, ct);
        if (!room.IsSuccess)
        {
            return room.Error;
        }

        var downloaded = await downloader.DownloadAsync(job.SourceUrl!, key, Math.Min(max, room.Value), ct);
        if (!downloaded.IsSuccess)
        {
            return StorageGuard.Explain(downloaded.Error, plan, max, room.Value);
        }

        job.SourceKey = key;
        job.SourceSize = downloaded.Value.Size;
        job.SourceFileName = downloaded.Value.FileName;
        await queue.UpdateHeldAsync(claim, set => set
            .SetProperty(j => j.SourceKey, key)
            .SetProperty(j => j.SourceSize, job.SourceSize)
            .SetProperty(j => j.SourceFileName, job.SourceFileName)
            .SetProperty(j => j.Progress, 5), ct);
        return Result.Success;
    }

    /// <summary>Moves each part into storage under this attempt's folder, with the offsets, reason and SHA-256 the manifest found.</summary>
    private async Task<List<Segment>> StorePartsAsync(JobClaim claim, IReadOnlyList<SplitPart> parts, SplitManifest manifest, CancellationToken ct)
    {
        var segments = new List<Segment>();
        foreach (var part in parts.OrderBy(p => p.Index))
        {
            // The manifest has hashed the part already, and knows its true samples and why it ends where it does.
            var described = manifest.Parts.Single(p => p.Index == part.Index);
            var name = Path.GetFileName(part.Path);
            var key = BlobKeys.Part(claim.AccountId, claim.JobId, claim.Token, name);
            var size = await store.ImportAsync(key, part.Path, ct);
            segments.Add(new Segment
            {
                JobId = claim.JobId, Index = part.Index, Start = part.StartSeconds, Duration = part.DurationSeconds, Size = size,
                Sha256 = described.Sha256!, BlobKey = key, FileName = name,
                StartSample = described.StartSample, EndSample = described.EndSample, SampleRate = described.SampleRate,
                CutReason = CutReasons.Name(described.CutReason), Title = described.Title,
            });
        }

        return segments;
    }

    private async Task HeartbeatAsync(JobClaim claim, Action onLost, CancellationToken ct)
    {
        var interval = options.LeaseDuration / 3;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await Task.Delay(interval, ct);
                if (!await queue.RenewAsync(claim, ct))
                {
                    onLost();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private Task ReleaseAsync(JobClaim claim) => recovery.ReleaseReservationAsync(claim.JobId);

    /// <summary>Part names start with the source's name (<c>ep42-part-01.mp3</c>), or the job id when it has none.</summary>
    private static string BaseName(SplitJob job) => SplitLimits.PartBaseName(job.SourceFileName, job.Id);

    /// <summary>
    /// The source as the CUE sheet's FILE line names it: the safe base name with the source's extension (which also
    /// picks the sheet's file type), so the manifest's titles still follow the part names.
    /// </summary>
    private static string SourceName(SplitJob job) => BaseName(job) + Path.GetExtension(job.SourceFileName ?? "");

    private static void TryDeleteDirectory(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
        }
    }
}

using AudioPortal.Core.Accounts;
using AudioPortal.Core.Errors;
using AudioPortal.Core.Storage;

namespace AudioPortal.Core.Splits;

/// <summary>
/// Runs a failed job again: <c>POST /splits/{id}/retry</c> and the portal's Retry button. The failed job stays
/// as it is (its error is the record of what happened); a new job is created with the same settings and the
/// same source — the URL again, or a copy of the kept upload — through <see cref="SplitCreation"/>, so quota,
/// storage, validation and the Idempotency-Key behave exactly as for a new split.
/// </summary>
public sealed class SplitRetry(ICurrentAccount current, SplitManagement jobs, UploadStaging staging, SplitCreation creation, IBlobStore store)
{
    public async Task<Result<CreatedJob>> RetryAsync(string id, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var found = await jobs.FindAsync(id, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var job = found.Value;
        if (job.Status != JobStatus.Failed)
        {
            // A completed job is finished (its parts are there to download); a queued or running one is still going.
            var entry = job.Status == JobStatus.Completed ? ErrorCatalog.JobAlreadyFinished : ErrorCatalog.JobAlreadyProcessing;
            return entry.WithMessage($"The job is {job.Status}; only a failed job can be retried.");
        }

        var request = SplitLimits.ToRequest(job);
        if (job.SourceUrl is not null)
        {
            return await creation.CreateAsync(request, null, idempotencyKey, cancellationToken);
        }

        // Read through a stream, not moved: the failed job keeps its source until its own retention ends.
        await using var source = store.OpenRead(BlobKeys.Source(current.AccountId!, job.Id));
        if (source is null)
        {
            return ErrorCatalog.DownloadExpired.WithMessage("The uploaded file is no longer kept; start a new split with it.");
        }

        var staged = await staging.StageUploadAsync(job.SourceFileName, source, cancellationToken);
        return staged.IsSuccess ? await creation.CreateAsync(request, staged.Value, idempotencyKey, cancellationToken) : staged.Error;
    }
}

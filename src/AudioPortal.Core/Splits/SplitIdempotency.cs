using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AudioPortal.Core.Data;
using AudioPortal.Core.Errors;
using Microsoft.EntityFrameworkCore;

namespace AudioPortal.Core.Splits;

/// <summary>
/// The Idempotency-Key of a job's creation: a request repeated with the same key within the window gets the job
/// the first one made; the same key with a different request is IDEMPOTENCY_CONFLICT.
/// </summary>
public sealed class SplitIdempotency(AppDbContext db, SplitJobViews views, SplitsOptions options, TimeProvider clock)
{
    /// <summary>The job an earlier request with <paramref name="key"/> made, a conflict, or null when the key is new.</summary>
    public async Task<Result<CreatedJob>?> ReplayAsync(string key, string requestHash, CancellationToken cancellationToken)
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

        // The first response as it was sent, as Stripe replays (older records predate the stored body).
        if (record.ResponseJson is not null && JsonSerializer.Deserialize<SplitJobView>(record.ResponseJson, ApiJson.Options) is { } first)
        {
            return new CreatedJob(first, Replayed: true);
        }

        var job = await db.Set<SplitJob>().AsNoTracking().Include(j => j.Segments).FirstOrDefaultAsync(j => j.Id == record.JobId, cancellationToken);
        return job is null ? ErrorCatalog.JobNotFound.ToError() : new CreatedJob(views.ToView(job), Replayed: true);
    }

    /// <summary>Adds the key's record to the context, to be saved with the job it made.</summary>
    public void Remember(SplitJob job, SplitJobView response, string key, string requestHash) =>
        db.Set<IdempotencyRecord>().Add(new IdempotencyRecord
        {
            AccountId = job.AccountId, Key = key, RequestHash = requestHash, JobId = job.Id, CreatedAt = job.CreatedAt,
            ResponseJson = JsonSerializer.Serialize(response, ApiJson.Options),
        });

    /// <summary>SHA-256 of the request's fields in a fixed order (metadata sorted), plus the uploaded bytes' hash.</summary>
    public static string Fingerprint(CreateSplitRequest request, StagedUpload? upload)
    {
        var canonical = JsonSerializer.Serialize(new object?[]
        {
            request.SourceUrl, request.SplitMode, request.SegmentDuration, request.MaxFileSize, request.Parts,
            request.OutputFormat, request.WebhookUrl, request.Metadata?.OrderBy(p => p.Key, StringComparer.Ordinal).ToArray(), upload?.Sha256,
            request.CutAt, request.Silence, request.MaxSegmentDuration, request.Overlap, request.FadeMs, request.NameTemplate, request.CueSheet, request.Preset,
            request.SampleRate, request.Channels, request.BitRate,
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}

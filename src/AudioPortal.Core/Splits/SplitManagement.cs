using System.Runtime.CompilerServices;
using System.Text.Json;
using AudioPortal.Core.Accounts;
using AudioPortal.Core.Data;
using AudioPortal.Core.Errors;
using AudioPortal.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace AudioPortal.Core.Splits;

/// <summary>
/// Reading, listing, changing and deleting the current account's jobs (the tenant filter keeps other accounts'
/// jobs out of reach). Called by the API controller and, in-process, by the portal.
/// </summary>
public sealed class SplitManagement(
    AppDbContext db, ICurrentAccount current, SplitJobViews views, SplitRequestChecks checks, IBlobStore store, TimeProvider clock)
{
    public const int MaxPageSize = 100;

    // GET /splits/{id} is the hottest read: compiled once, so no per-call expression work or query-cache lookup.
    // The tenant filter still applies (compiled queries read it from the context they are given). A compiled query
    // is bound to one model: a server has one, but one test process runs the SQLite and the PostgreSQL model side by side.
    private static readonly ConditionalWeakTable<IModel, Func<AppDbContext, string, CancellationToken, Task<SplitJob?>>> JobWithSegments = [];

    private static Func<AppDbContext, string, CancellationToken, Task<SplitJob?>> CompileJobWithSegments(IModel _) =>
        EF.CompileAsyncQuery((AppDbContext db, string id, CancellationToken _) =>
            db.Set<SplitJob>().AsNoTracking().Include(j => j.Segments).FirstOrDefault(j => j.Id == id && j.DeletedAt == null));

    public async Task<Result<SplitJobView>> GetAsync(string id, CancellationToken cancellationToken)
    {
        var job = await FindAsync(id, cancellationToken);
        return job.IsSuccess ? views.ToView(job.Value) : job.Error;
    }

    /// <summary>The account's job (untracked, with its parts), as stored: for use cases that need its settings, such as a retry.</summary>
    internal async Task<Result<SplitJob>> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (current.AccountId is null)
        {
            return ErrorCatalog.Unauthorized.ToError();
        }

        var job = await JobWithSegments.GetValue(db.Model, CompileJobWithSegments)(db, id, cancellationToken);
        return job is null ? NotFound(id) : job;
    }

    /// <summary>The account's jobs, newest first; <paramref name="status"/> filters when given.</summary>
    public async Task<Result<JobPage>> ListAsync(string? status, int? page, int? limit, CancellationToken cancellationToken)
    {
        if (current.AccountId is null)
        {
            return ErrorCatalog.Unauthorized.ToError();
        }

        var check = new SplitValidation();
        if (status is not null && !JobStatus.All.Contains(status))
        {
            check.Add("status", "Must be one of: queued, processing, completed, failed.");
        }

        if (page < 1)
        {
            check.Add("page", "Must be at least 1.");
        }

        if (limit is < 1 or > MaxPageSize)
        {
            check.Add("limit", $"Must be between 1 and {MaxPageSize}.");
        }

        if (!check.IsValid)
        {
            return check.ToError();
        }

        var (p, l) = (page ?? 1, limit ?? 20);
        var query = Jobs().AsNoTracking();
        if (status is not null)
        {
            query = query.Where(j => j.Status == status);
        }

        var total = await query.CountAsync(cancellationToken);
        var jobs = await query.OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id)
            .Skip((p - 1) * l).Take(l).Include(j => j.Segments).AsSplitQuery().ToListAsync(cancellationToken);
        return new JobPage(jobs.Select(views.ToView).ToList(), new PageInfo(p, l, total, (total + l - 1) / l));
    }

    /// <summary>Changes a queued job; the update is conditional on <c>queued</c>, so it cannot race a worker's claim.</summary>
    public async Task<Result<SplitJobView>> PatchAsync(string id, PatchSplitRequest request, CancellationToken cancellationToken)
    {
        if (current.AccountId is null)
        {
            return ErrorCatalog.Unauthorized.ToError();
        }

        var job = await Jobs().AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, cancellationToken);
        if (job is null)
        {
            return NotFound(id);
        }

        if (job.Status != JobStatus.Queued)
        {
            return NotQueued(job.Status);
        }

        var valid = await checks.CheckChangeAsync(job, request, cancellationToken);
        if (!valid.IsSuccess)
        {
            return valid.Error;
        }

        Apply(job, request);
        var changed = await Jobs().Where(j => j.Id == id && j.Status == JobStatus.Queued).ExecuteUpdateAsync(set => set
            .SetProperty(j => j.SplitMode, job.SplitMode)
            .SetProperty(j => j.SegmentDuration, job.SegmentDuration)
            .SetProperty(j => j.MaxFileSize, job.MaxFileSize)
            .SetProperty(j => j.Parts, job.Parts)
            .SetProperty(j => j.OutputFormat, job.OutputFormat)
            .SetProperty(j => j.PartBitRate, job.PartBitRate)
            .SetProperty(j => j.WebhookUrl, job.WebhookUrl)
            .SetProperty(j => j.MetadataJson, job.MetadataJson), cancellationToken);
        return changed == 1 ? await GetAsync(id, cancellationToken) : NotQueued(JobStatus.Processing);
    }

    /// <summary>Removes the job's files at once and keeps the record as deleted (404 afterwards).</summary>
    public async Task<Result> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        if (current.AccountId is null)
        {
            return ErrorCatalog.Unauthorized.ToError();
        }

        var job = await Jobs().AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, cancellationToken);
        if (job is null)
        {
            return NotFound(id);
        }

        var now = clock.GetUtcNow();
        var changed = await Jobs().Where(j => j.Id == id && j.Status != JobStatus.Processing)
            .ExecuteUpdateAsync(set => set.SetProperty(j => j.DeletedAt, now).SetProperty(j => j.FilesDeletedAt, now), cancellationToken);
        if (changed == 0)
        {
            return ErrorCatalog.JobAlreadyProcessing.ToError();
        }

        await store.DeletePrefixAsync(BlobKeys.JobFolder(job.AccountId, job.Id));
        return Result.Success;
    }

    private static void Apply(SplitJob job, PatchSplitRequest request)
    {
        if (request.SegmentDuration is { } seconds)
        {
            (job.SplitMode, job.SegmentDuration, job.MaxFileSize, job.Parts) = (SplitModes.Duration, seconds, null, null);
        }
        else if (request.MaxFileSize is { } bytes)
        {
            (job.SplitMode, job.SegmentDuration, job.MaxFileSize, job.Parts) = (SplitModes.FileSize, null, bytes, null);
        }
        else if (request.Parts is { } parts)
        {
            (job.SplitMode, job.SegmentDuration, job.MaxFileSize, job.Parts) = (SplitModes.Parts, null, null, parts);
        }

        job.OutputFormat = request.OutputFormat?.ToLowerInvariant() ?? job.OutputFormat;
        // A bitrate means something only to a lossy format (a preset's 64 kb/s): a job switched to wav or flac drops it.
        job.PartBitRate = job.OutputFormat is "wav" or "flac" ? null : job.PartBitRate;
        job.WebhookUrl = request.WebhookUrl is null ? job.WebhookUrl : request.WebhookUrl.Length == 0 ? null : request.WebhookUrl.Trim();
        job.MetadataJson = request.Metadata is null ? job.MetadataJson : JsonSerializer.Serialize(request.Metadata);
    }

    /// <summary>The current account's jobs that have not been deleted (the tenant filter adds the account).</summary>
    private IQueryable<SplitJob> Jobs() => db.Set<SplitJob>().Where(j => j.DeletedAt == null);

    internal static AppError NotFound(string id) => ErrorCatalog.JobNotFound.WithMessage($"No split job '{id}'.");

    private static AppError NotQueued(string status) => status == JobStatus.Processing
        ? ErrorCatalog.JobAlreadyProcessing.ToError()
        : ErrorCatalog.JobAlreadyFinished.WithMessage($"The job is {status} and can no longer be changed; create a new job instead.");
}

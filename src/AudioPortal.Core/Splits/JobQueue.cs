using AudioPortal.Core.Billing;
using AudioPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AudioPortal.Core.Splits;

/// <summary>A worker's hold on a job: only the holder of <see cref="Token"/> may change the job's state.</summary>
public sealed record JobClaim(string JobId, string AccountId, string Token);

/// <summary>
/// The queue is the SplitJobs table. Claims are single conditional UPDATEs (<c>… WHERE status = 'queued' AND
/// the account is under its plan's concurrent-job cap</c>), so two workers — or two servers — can never hold the same
/// job, and no in-memory lock is involved. A claim is a lease: renewed while the job runs, taken back when it expires.
/// </summary>
public sealed class JobQueue(IServiceScopeFactory scopes, PlanCatalog plans, SplitsOptions options, TimeProvider clock)
{
    private const int CandidateWindow = 20;

    /// <summary>The oldest queued job of an account under its cap, claimed; null when there is none.</summary>
    public async Task<JobClaim?> ClaimNextAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var jobs = db.Set<SplitJob>().IgnoreQueryFilters();

        // Accounts already at their cap are skipped, so their waiting jobs never starve other accounts.
        var busy = await jobs.Where(j => j.Status == JobStatus.Processing).GroupBy(j => j.AccountId)
            .Select(g => new { AccountId = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var caps = await CapsAsync(db, busy.Select(b => b.AccountId), cancellationToken);
        var full = busy.Where(b => b.Count >= caps[b.AccountId]).Select(b => b.AccountId).ToList();

        var candidates = await jobs.AsNoTracking()
            .Where(j => j.Status == JobStatus.Queued && j.DeletedAt == null && !full.Contains(j.AccountId))
            .OrderBy(j => j.CreatedAt).ThenBy(j => j.Id)
            .Select(j => new { j.Id, j.AccountId }).Take(CandidateWindow).ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return null;
        }

        var candidateCaps = await CapsAsync(db, candidates.Select(c => c.AccountId), cancellationToken);
        foreach (var candidate in candidates)
        {
            var cap = candidateCaps[candidate.AccountId];
            var token = Guid.NewGuid().ToString("N");
            var now = clock.GetUtcNow();
            var expires = now + options.LeaseDuration;
            var claimed = await jobs
                .Where(j => j.Id == candidate.Id && j.Status == JobStatus.Queued && j.DeletedAt == null &&
                            jobs.Count(o => o.AccountId == candidate.AccountId && o.Status == JobStatus.Processing) < cap)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(j => j.Status, JobStatus.Processing)
                    .SetProperty(j => j.LeaseToken, token)
                    .SetProperty(j => j.LeaseExpiresAt, expires)
                    .SetProperty(j => j.StartedAt, j => j.StartedAt ?? now)
                    .SetProperty(j => j.Attempts, j => j.Attempts + 1)
                    .SetProperty(j => j.Progress, 0), cancellationToken);
            if (claimed == 1)
            {
                return new JobClaim(candidate.Id, candidate.AccountId, token);
            }
        }

        return null;
    }

    /// <summary>Extends the lease; false when it was lost (expired and taken back), so the holder must stop.</summary>
    public async Task<bool> RenewAsync(JobClaim claim, CancellationToken cancellationToken)
    {
        var expires = clock.GetUtcNow() + options.LeaseDuration;
        return await UpdateHeldAsync(claim, set => set.SetProperty(j => j.LeaseExpiresAt, expires), cancellationToken) == 1;
    }

    /// <summary>Graceful shutdown: the job goes back to <c>queued</c> (not failed) and resumes on the next start.</summary>
    public Task<int> ReturnAsync(JobClaim claim) => UpdateHeldAsync(claim, set => set
        .SetProperty(j => j.Status, JobStatus.Queued)
        .SetProperty(j => j.LeaseToken, (string?)null)
        .SetProperty(j => j.LeaseExpiresAt, (DateTimeOffset?)null)
        .SetProperty(j => j.Progress, 0), CancellationToken.None);

    /// <summary>Puts jobs whose worker vanished (lease expired) back in the queue; returns their ids.</summary>
    public async Task<IReadOnlyList<string>> RequeueExpiredAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow();
        var expired = await db.Set<SplitJob>().IgnoreQueryFilters().AsNoTracking()
            .Where(j => j.Status == JobStatus.Processing && j.LeaseExpiresAt < now)
            .Select(j => new { j.Id, j.LeaseToken }).ToListAsync(cancellationToken);
        var requeued = new List<string>();
        foreach (var job in expired)
        {
            var changed = await db.Set<SplitJob>().IgnoreQueryFilters()
                .Where(j => j.Id == job.Id && j.Status == JobStatus.Processing && j.LeaseToken == job.LeaseToken && j.LeaseExpiresAt < now)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(j => j.Status, JobStatus.Queued)
                    .SetProperty(j => j.LeaseToken, (string?)null)
                    .SetProperty(j => j.LeaseExpiresAt, (DateTimeOffset?)null)
                    .SetProperty(j => j.Progress, 0), cancellationToken);
            if (changed == 1)
            {
                requeued.Add(job.Id);
            }
        }

        return requeued;
    }

    /// <summary>Runs an UPDATE on the claimed job that only applies while the claim still holds; returns rows changed.</summary>
    public async Task<int> UpdateHeldAsync(
        JobClaim claim,
        Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<SplitJob>> setters,
        CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await Held(db, claim).ExecuteUpdateAsync(setters, cancellationToken);
    }

    /// <summary>The claimed job, if the claim still holds.</summary>
    public static IQueryable<SplitJob> Held(AppDbContext db, JobClaim claim) => db.Set<SplitJob>().IgnoreQueryFilters()
        .Where(j => j.Id == claim.JobId && j.Status == JobStatus.Processing && j.LeaseToken == claim.Token);

    private async Task<Dictionary<string, int>> CapsAsync(AppDbContext db, IEnumerable<string> accountIds, CancellationToken cancellationToken)
    {
        var ids = accountIds.Distinct().ToList();
        var planIds = await db.Users.AsNoTracking().Where(a => ids.Contains(a.Id)).Select(a => new { a.Id, a.PlanId }).ToListAsync(cancellationToken);
        var caps = ids.ToDictionary(id => id, _ => plans.Free.ConcurrentJobs);
        foreach (var account in planIds)
        {
            caps[account.Id] = Math.Max(1, plans.For(account.PlanId).ConcurrentJobs);
        }

        return caps;
    }
}

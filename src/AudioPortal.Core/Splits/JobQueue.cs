using AudioPortal.Core.Billing;
using AudioPortal.Core.Data;
using AudioPortal.Core.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AudioPortal.Core.Splits;

/// <summary>A worker's hold on a job: only the holder of <see cref="Token"/> may change the job's state.</summary>
public sealed record JobClaim(string JobId, string AccountId, string Token);

/// <summary>
/// The queue is the SplitJobs table. Claims are single conditional UPDATEs (<c>… WHERE status = 'queued' AND
/// the account is under its plan's concurrent-job cap</c>), so two workers — or two servers — can never hold the same
/// job, and no in-memory lock is involved. A claim is a lease: renewed while the job runs, taken back when it expires.
/// Claims are fair between accounts: each waiting account offers its oldest due job, and the account with the fewest
/// jobs running goes first, so one account's backlog never makes another account's single job wait for it to drain.
/// Lease tokens name the node and process that hold them (<see cref="WorkerIdentity"/>).
/// </summary>
public sealed class JobQueue(
    IServiceScopeFactory scopes, PlanCatalog plans, SplitsOptions options, TimeProvider clock, WorkerIdentity identity, AudioPortalMetrics metrics)
{
    private const int CandidatesPerAccount = 20;

    /// <summary>The next job in fair order, claimed; null when there is none.</summary>
    public Task<JobClaim?> ClaimNextAsync(CancellationToken cancellationToken) => ClaimNextAsync(null, cancellationToken);

    /// <summary>The next job in fair order, claimed; null when there is none.</summary>
    /// <param name="skipAccounts">Accounts this server will not give another worker to now (its per-account share).</param>
    public async Task<JobClaim?> ClaimNextAsync(IReadOnlyCollection<string>? skipAccounts, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var jobs = db.Set<SplitJob>().IgnoreQueryFilters();
        var now = clock.GetUtcNow();

        // Accounts already at their cap are skipped, so their waiting jobs never starve other accounts.
        var running = await jobs.Where(j => j.Status == JobStatus.Processing).GroupBy(j => j.AccountId)
            .Select(g => new { AccountId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.AccountId, g => g.Count, cancellationToken);
        var caps = await CapsAsync(db, running.Keys, cancellationToken);
        var excluded = running.Where(r => r.Value >= caps[r.Key]).Select(r => r.Key).Concat(skipAccounts ?? []).Distinct().ToList();

        // Each waiting account's oldest due jobs (not backing off after a transient failure), ranked within the account.
        // Fair order: an account's next job goes ahead of others' by how few jobs it has running plus its rank, oldest
        // first on ties; several per account so a claim that loses a race to another worker still finds one to take.
        // A disabled account's jobs wait (unclaimed) until it is enabled again.
        var disabled = db.Users.Where(a => a.DisabledAt != null).Select(a => a.Id);
        var due = jobs.Where(j => j.Status == JobStatus.Queued && j.DeletedAt == null && (j.RetryAt == null || j.RetryAt <= now) &&
                                  !disabled.Contains(j.AccountId));
        var candidates = (await due.AsNoTracking()
            .Where(j => !excluded.Contains(j.AccountId))
            .Select(j => new
            {
                j.Id,
                j.AccountId,
                j.CreatedAt,
                j.RetryAt,
                Rank = due.Count(o => o.AccountId == j.AccountId &&
                                      (o.CreatedAt < j.CreatedAt || (o.CreatedAt == j.CreatedAt && string.Compare(o.Id, j.Id) < 0))),
            })
            .Where(c => c.Rank < CandidatesPerAccount)
            .ToListAsync(cancellationToken))
            .OrderBy(c => running.GetValueOrDefault(c.AccountId) + c.Rank).ThenBy(c => c.CreatedAt).ThenBy(c => c.Id, StringComparer.Ordinal)
            .ToList();
        if (candidates.Count == 0)
        {
            return null;
        }

        var candidateCaps = await CapsAsync(db, candidates.Select(c => c.AccountId), cancellationToken);
        foreach (var candidate in candidates)
        {
            var cap = candidateCaps[candidate.AccountId];
            var token = identity.NewLeaseToken();
            var expires = now + options.LeaseDuration;

            // The account's billing lock first (as quota reservations take it): PostgreSQL's READ COMMITTED does not
            // re-check the cap's subquery when two claims of different jobs of one account meet, but the second claim
            // waits here for the first to commit and then counts its job. SQLite's single writer needs no more.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                await UsageMeter.LockAccountAsync(db, candidate.AccountId, cancellationToken);
            }
            catch (DbUpdateException)
            {
                return null; // another claimer created the account's lock row at this moment: poll again
            }

            var claimed = await jobs
                .Where(j => j.Id == candidate.Id && j.Status == JobStatus.Queued && j.DeletedAt == null &&
                            jobs.Count(o => o.AccountId == candidate.AccountId && o.Status == JobStatus.Processing) < cap)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(j => j.Status, JobStatus.Processing)
                    .SetProperty(j => j.LeaseToken, token)
                    .SetProperty(j => j.LeaseExpiresAt, expires)
                    .SetProperty(j => j.StartedAt, j => j.StartedAt ?? now)
                    .SetProperty(j => j.Attempts, j => j.Attempts + 1)
                    .SetProperty(j => j.RetryAt, (DateTimeOffset?)null)
                    .SetProperty(j => j.ErrorCode, (string?)null)
                    .SetProperty(j => j.ErrorMessage, (string?)null)
                    .SetProperty(j => j.ErrorDetailsJson, (string?)null)
                    .SetProperty(j => j.Progress, 0), cancellationToken);
            if (claimed == 1)
            {
                await transaction.CommitAsync(cancellationToken);
                metrics.JobClaimed(now - (candidate.RetryAt ?? candidate.CreatedAt));
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

    /// <summary>
    /// Graceful shutdown: the job goes back to <c>queued</c> (not failed) and resumes on the next start; the claim does
    /// not count as an attempt, so restarts never use up <see cref="SplitsOptions.MaxAttempts"/>.
    /// </summary>
    public Task<int> ReturnAsync(JobClaim claim) => UpdateHeldAsync(claim, set => set
        .SetProperty(j => j.Status, JobStatus.Queued)
        .SetProperty(j => j.Attempts, j => j.Attempts - 1)
        .SetProperty(j => j.LeaseToken, (string?)null)
        .SetProperty(j => j.LeaseExpiresAt, (DateTimeOffset?)null)
        .SetProperty(j => j.Progress, 0), CancellationToken.None);

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

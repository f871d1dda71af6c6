using AudioPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace AudioPortal.Core.Splits;

/// <summary>
/// Live job views for a process that runs no jobs itself (the <c>web</c> role): every poll reads the jobs that are
/// waiting or running, and those that finished since the last poll, and publishes to the local <see cref="IJobEvents"/>
/// each status or progress it had not seen — so the portal's pages update while another process does the work.
/// Polling, not notifications, so it works on every database.
/// </summary>
public sealed class JobEventsPoller(PooledDbContextFactory<AppDbContext> dbs, IJobEvents events, TimeProvider clock)
{
    private Dictionary<string, (string Status, int Progress)> _seen = [];
    private DateTimeOffset? _since;

    /// <summary>One poll: publishes what changed since the one before (the first only learns the current state).</summary>
    public async Task PollAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        // A minute back, for clocks of other processes running behind this one's; what was seen already is not sent again.
        var since = (_since ?? now) - TimeSpan.FromMinutes(1);
        var rows = await db.Set<SplitJob>().IgnoreQueryFilters().AsNoTracking()
            .Where(j => j.DeletedAt == null && (j.Status == JobStatus.Queued || j.Status == JobStatus.Processing || j.CompletedAt >= since))
            .Select(j => new JobEvent(j.AccountId, j.Id, j.Status, j.Progress, j.ErrorCode))
            .ToListAsync(cancellationToken);
        var seen = new Dictionary<string, (string Status, int Progress)>(rows.Count);
        foreach (var row in rows)
        {
            seen[row.JobId] = (row.Status, row.Progress);
            if (_since is not null && (!_seen.TryGetValue(row.JobId, out var before) || before != (row.Status, row.Progress)))
            {
                events.Publish(row);
            }
        }

        // A finished job stays in view for one more poll after the one that saw it finish (its CompletedAt >= since).
        (_seen, _since) = (seen, now);
    }
}

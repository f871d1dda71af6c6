using AudioPortal.Core.Billing;
using AudioPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AudioPortal.Core.Splits;

/// <summary>
/// Billing's failed-job count: every job that failed in the period, also those that failed before reserving
/// minutes (a download or decode error); test-key jobs are left out, as they are of the completed count.
/// </summary>
public sealed class FailedJobCount : IFailedJobCount
{
    public Task<int> CountAsync(AppDbContext db, string accountId, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken) =>
        db.Set<SplitJob>().IgnoreQueryFilters().CountAsync(
            j => j.AccountId == accountId && j.Status == JobStatus.Failed && !j.IsTestKey && j.CompletedAt >= start && j.CompletedAt < end,
            cancellationToken);
}

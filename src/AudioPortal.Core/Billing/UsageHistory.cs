using AudioPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AudioPortal.Core.Billing;

/// <summary>Minutes billed per day of a period, for the dashboard's usage chart (summed from usage records, like every report).</summary>
public sealed class UsageHistory(IDbContextFactory<AppDbContext> dbs)
{
    /// <summary>One entry per UTC day of <paramref name="period"/> (days without usage are 0), in order.</summary>
    public async Task<IReadOnlyList<DailyUsage>> DailyAsync(string accountId, BillingPeriod period, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        // A period's records are few (one per completed job), so they are grouped here rather than in SQL,
        // which keeps the query provider-neutral (dates are stored as ticks).
        var records = await db.Set<UsageRecord>().IgnoreQueryFilters()
            .Where(u => u.AccountId == accountId && u.RecordedAt >= period.Start && u.RecordedAt < period.End)
            .Select(u => new { u.RecordedAt, u.Minutes })
            .ToListAsync(cancellationToken);
        var byDay = records.GroupBy(r => DateOnly.FromDateTime(r.RecordedAt.UtcDateTime)).ToDictionary(g => g.Key, g => g.Sum(r => r.Minutes));
        var days = new List<DailyUsage>();
        for (var day = DateOnly.FromDateTime(period.Start.UtcDateTime); day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) < period.End.UtcDateTime; day = day.AddDays(1))
        {
            days.Add(new DailyUsage(day, byDay.GetValueOrDefault(day)));
        }

        return days;
    }
}

public sealed record DailyUsage(DateOnly Day, int Minutes);

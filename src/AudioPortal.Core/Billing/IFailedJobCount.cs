using AudioPortal.Core.Data;

namespace AudioPortal.Core.Billing;

/// <summary>
/// Jobs of an account that failed in a period, for the usage report. Billing owns the question and Splits, which
/// sits above Billing, answers it (<c>FailedJobCount</c>), so Billing never reads job rows itself.
/// </summary>
public interface IFailedJobCount
{
    /// <summary>Failed jobs that completed in [<paramref name="start"/>, <paramref name="end"/>), test-key jobs left out.</summary>
    Task<int> CountAsync(AppDbContext db, string accountId, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken);
}

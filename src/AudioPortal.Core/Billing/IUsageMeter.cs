using AudioPortal.Core.Data;
using AudioPortal.Core.Errors;

namespace AudioPortal.Core.Billing;

/// <summary>
/// The seam between split jobs and billing: may this account start a job, reserve its minutes while it runs,
/// turn the reservation into usage when it completes, release it when it fails. Minutes are
/// <c>ceil(sourceSeconds / 60)</c>; test-key jobs are never metered.
/// </summary>
public interface IUsageMeter
{
    /// <summary>
    /// Checked when a job is created: PAYMENT_REQUIRED for an unpaid invoice, QUOTA_EXCEEDED when the length is
    /// known and would overrun a plan without overage. Unknown length (URL sources) passes; the reservation decides.
    /// </summary>
    Task<Result> CheckCanStartAsync(string accountId, double? sourceSeconds, bool isTestKey, CancellationToken cancellationToken);

    /// <summary>Reserves the job's minutes atomically when processing starts; QUOTA_EXCEEDED if they do not fit.</summary>
    Task<Result> ReserveAsync(string accountId, string jobId, double sourceSeconds, bool isTestKey, CancellationToken cancellationToken);

    /// <summary>
    /// Turns the job's reservation into a usage record. Adds the changes to <paramref name="db"/> without saving,
    /// so the worker commits them in the same transaction that marks the job completed.
    /// </summary>
    Task CommitAsync(AppDbContext db, string jobId, CancellationToken cancellationToken);

    /// <summary>Releases the job's reservation (failed, cancelled or deleted job). Idempotent.</summary>
    Task ReleaseAsync(string jobId, CancellationToken cancellationToken);
}

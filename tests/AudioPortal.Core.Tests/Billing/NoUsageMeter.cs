using AudioPortal.Core.Billing;
using AudioPortal.Core.Data;
using AudioPortal.Core.Errors;

namespace AudioPortal.Core.Tests.Billing;

/// <summary>
/// A meter that lets every job start and records nothing: the split pipeline's tests are about splitting, and
/// billing's own tests use the real <see cref="UsageMeter"/>. Registered explicitly, because the pipeline requires a meter.
/// </summary>
public sealed class NoUsageMeter : IUsageMeter
{
    public Task<Result> CheckCanStartAsync(string accountId, double? sourceSeconds, bool isTestKey, CancellationToken cancellationToken) =>
        Task.FromResult(Result.Success);

    public Task<Result> ReserveAsync(string accountId, string jobId, double sourceSeconds, bool isTestKey, CancellationToken cancellationToken) =>
        Task.FromResult(Result.Success);

    public Task CommitAsync(AppDbContext db, string jobId, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task ReleaseAsync(string jobId, CancellationToken cancellationToken) => Task.CompletedTask;
}

using AudioPortal.Core.Admin;
using AudioPortal.Web.Api;

namespace AudioPortal.Web.Admin;

/// <summary>The JSON shapes of <c>/api/v1/admin/*</c>, the operator console's API (an extension of API.md). Durations are seconds.</summary>
public static class AdminContracts
{
    public sealed record RunningJobDto(string JobId, string AccountId, string? Email, string Worker, int Progress, int Attempts,
        DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? LeaseExpiresAt);

    public sealed record FailedJobDto(string JobId, string AccountId, string Code, string? Message, DateTimeOffset FailedAt);

    /// <summary>Jobs claimed within the window and how long they waited for a worker.</summary>
    public sealed record QueueWaitsDto(int Started, double? AverageSeconds, double? LongestSeconds);

    public sealed record QueueDto(DateTimeOffset At, double WindowSeconds, IReadOnlyList<RunningJobDto> Running, int Queued, int QueuedOfDisabledAccounts,
        double? OldestQueuedWaitSeconds, QueueWaitsDto Waits, IReadOnlyDictionary<string, int> FailuresByCode, IReadOnlyList<FailedJobDto> RecentFailures);

    public sealed record AdminAccountDto(string Id, string? Email, string PlanId, string Role, int MinutesUsed, int MonthlyMinutes, long StorageBytes,
        bool WebhooksEnabled, bool Disabled, DateTimeOffset CreatedAt, DateTimeOffset? DisabledAt);

    public sealed record AdminAccountPageDto(IReadOnlyList<AdminAccountDto> Data, PaginationDto Pagination);

    public sealed record DisabledWebhooksDto(string AccountId, string? Email, DateTimeOffset? LastFailureAt, string? LastError, int? LastResponseStatus);

    public sealed record DisabledWebhooksListDto(IReadOnlyList<DisabledWebhooksDto> Data);

    public sealed record RecentErrorDto(DateTimeOffset At, string RequestId, int Status, string Code, string Method, string Path, string? AccountId);

    public sealed record RecentErrorListDto(IReadOnlyList<RecentErrorDto> Data);

    public static QueueDto ToDto(this QueueSnapshot q) => new(
        q.At, q.Window.TotalSeconds,
        q.Running.Select(r => new RunningJobDto(r.JobId, r.AccountId, r.Email, r.Worker, r.Progress, r.Attempts, r.CreatedAt, r.StartedAt, r.LeaseExpiresAt)).ToList(),
        q.Queued, q.QueuedOfDisabledAccounts, q.OldestQueuedWait?.TotalSeconds,
        new QueueWaitsDto(q.Waits.Started, q.Waits.Average?.TotalSeconds, q.Waits.Longest?.TotalSeconds),
        q.FailuresByCode,
        q.RecentFailures.Select(f => new FailedJobDto(f.JobId, f.AccountId, f.Code, f.Message, f.FailedAt)).ToList());

    public static AdminAccountDto ToDto(this AccountSummary a) => new(
        a.Id, a.Email, a.PlanId, a.Role, a.MinutesUsed, a.MonthlyMinutes, a.StorageBytes, a.WebhooksEnabled, a.DisabledAt is not null, a.CreatedAt, a.DisabledAt);

    public static AdminAccountPageDto ToDto(this AccountPage p) =>
        new(p.Items.Select(ToDto).ToList(), new PaginationDto(p.Page, p.Limit, p.Total, (p.Total + p.Limit - 1) / p.Limit));

    public static DisabledWebhooksListDto ToDto(this IReadOnlyList<DisabledWebhooks> list) =>
        new(list.Select(w => new DisabledWebhooksDto(w.AccountId, w.Email, w.LastFailureAt, w.LastError, w.LastResponseStatus)).ToList());

    public static RecentErrorListDto ToDto(this IReadOnlyList<RecentError> list) =>
        new(list.Select(e => new RecentErrorDto(e.At, e.RequestId, e.Status, e.Code, e.Method, e.Path, e.AccountId)).ToList());
}

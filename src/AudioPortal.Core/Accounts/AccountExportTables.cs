using System.Runtime.CompilerServices;
using AudioPortal.Core.ApiKeys;
using AudioPortal.Core.Billing;
using AudioPortal.Core.Data;
using AudioPortal.Core.Splits;
using AudioPortal.Core.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace AudioPortal.Core.Accounts;

/// <summary>
/// One table of an export: its columns and its rows, read lazily so a large account streams through. A
/// <see cref="Single"/> table (the profile, the plan) is one object in the JSON document rather than a list.
/// </summary>
public sealed record ExportTable(string Name, IReadOnlyList<string> Columns, IAsyncEnumerable<object?[]> Rows, bool Single = false);

/// <summary>
/// What an export holds, table by table. Only what belongs to the customer and is safe to hand out: never key or
/// token hashes, the webhook secret, lease tokens or provider-internal ids. Runs as system work (no signed-in
/// account), so every query names the account itself instead of relying on the tenant filter.
/// </summary>
public static class AccountExportTables
{
    public static IReadOnlyList<ExportTable> For(AppDbContext db, string accountId, PlanCatalog plans)
    {
        var jobs = Owned<SplitJob>(db, accountId);
        var invoices = Owned<Invoice>(db, accountId);
        return
        [
            new("account", ["id", "email", "planId", "createdAt", "webhooksEnabled"],
                Rows(db.Users.IgnoreQueryFilters().Where(a => a.Id == accountId), a => [a.Id, a.Email, a.PlanId, a.CreatedAt, a.WebhooksEnabled]), Single: true),
            new("plan", ["id", "name", "pricePerMonth", "currency", "monthlyMinutes", "overagePerMinute", "maxFileSize", "requestsPerMinute", "concurrentJobs", "retentionHours", "maxApiKeys"],
                Rows(db.Users.IgnoreQueryFilters().Where(a => a.Id == accountId).Select(a => a.PlanId), id => PlanRow(plans.For(id))), Single: true),
            new("apiKeys", ["id", "name", "keyPreview", "scopes", "test", "createdAt", "updatedAt", "expiresAt", "rotatedAt", "revokedAt", "lastUsedAt", "usageCount"],
                Rows(Owned<ApiKey>(db, accountId).OrderBy(k => k.CreatedAt), k =>
                    [k.Id, k.Name, KeyHasher.Preview(k.Prefix), k.Scopes, k.IsTest, k.CreatedAt, k.UpdatedAt, k.ExpiresAt, k.RotatedAt, k.RevokedAt, k.LastUsedAt, k.UsageCount])),
            new("jobs", ["id", "status", "splitMode", "segmentDuration", "maxFileSize", "parts", "outputFormat", "sourceUrl", "sourceFileName", "sourceFormat",
                    "sourceDuration", "sourceSize", "webhookUrl", "metadata", "errorCode", "errorMessage", "test", "createdAt", "startedAt", "completedAt",
                    "filesExpireAt", "filesDeletedAt", "deletedAt"],
                Rows(jobs.OrderBy(j => j.CreatedAt), j =>
                    [j.Id, j.Status, j.SplitMode, j.SegmentDuration, j.MaxFileSize, j.Parts, j.OutputFormat, j.SourceUrl, j.SourceFileName, j.SourceFormat,
                     j.SourceDuration, j.SourceSize, j.WebhookUrl, j.MetadataJson, j.ErrorCode, j.ErrorMessage, j.IsTestKey, j.CreatedAt, j.StartedAt, j.CompletedAt,
                     j.FilesExpireAt, j.FilesDeletedAt, j.DeletedAt])),
            new("segments", ["jobId", "index", "start", "duration", "size", "sha256", "fileName"],
                Rows(db.Set<Segment>().Where(s => jobs.Any(j => j.Id == s.JobId)).OrderBy(s => s.JobId).ThenBy(s => s.Index), s =>
                    [s.JobId, s.Index, s.Start, s.Duration, s.Size, s.Sha256, s.FileName])),
            new("usageRecords", ["jobId", "minutes", "sourceSeconds", "planId", "recordedAt"],
                Rows(Owned<UsageRecord>(db, accountId).OrderBy(u => u.RecordedAt), u => [u.JobId, u.Minutes, u.SourceSeconds, u.PlanId, u.RecordedAt])),
            new("subscriptions", ["id", "planId", "status", "provider", "currentPeriodStart", "currentPeriodEnd", "cancelAtPeriodEnd", "scheduledPlanId", "createdAt", "canceledAt"],
                Rows(Owned<Subscription>(db, accountId).OrderBy(s => s.CreatedAt), s =>
                    [s.Id, s.PlanId, s.Status, s.Provider, s.CurrentPeriodStart, s.CurrentPeriodEnd, s.CancelAtPeriodEnd, s.ScheduledPlanId, s.CreatedAt, s.CanceledAt])),
            new("invoices", ["id", "number", "status", "amount", "currency", "periodStart", "periodEnd", "issuedAt", "dueAt", "paidAt", "provider"],
                Rows(invoices.OrderBy(i => i.IssuedAt), i =>
                    [i.Id, i.Number, i.Status, i.Amount, i.Currency, i.PeriodStart, i.PeriodEnd, i.IssuedAt, i.DueAt, i.PaidAt, i.Provider])),
            new("invoiceLines", ["invoiceId", "kind", "description", "quantity", "unitAmount", "amount"],
                Rows(db.Set<InvoiceLine>().Where(l => invoices.Any(i => i.Id == l.InvoiceId)).OrderBy(l => l.InvoiceId).ThenBy(l => l.Id), l =>
                    [l.InvoiceId, l.Kind, l.Description, l.Quantity, l.UnitAmount, l.Amount])),
            new("webhookDeliveries", ["id", "jobId", "event", "url", "status", "attempts", "createdAt", "lastAttemptAt", "finishedAt", "responseStatus", "lastError"],
                Rows(Owned<WebhookDelivery>(db, accountId).OrderBy(d => d.CreatedAt), d =>
                    [d.Id, d.JobId, d.Event, d.Url, d.Status, d.Attempts, d.CreatedAt, d.LastAttemptAt, d.FinishedAt, d.ResponseStatus, d.LastError])),
        ];
    }

    private static object?[] PlanRow(Plan p) =>
        [p.Id, p.Name, p.PricePerMonth, p.Currency, p.MonthlyMinutes, p.OveragePerMinute, p.MaxFileSize, p.RequestsPerMinute, p.ConcurrentJobs, p.RetentionHours, p.MaxApiKeys];

    private static IQueryable<T> Owned<T>(AppDbContext db, string accountId)
        where T : class, IAccountOwned => db.Set<T>().IgnoreQueryFilters().Where(e => e.AccountId == accountId);

    /// <summary>Streams rows (untracked) and maps each to its cells; nothing is held beyond the current row.</summary>
    private static async IAsyncEnumerable<object?[]> Rows<T>(IQueryable<T> query, Func<T, object?[]> map, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where T : class
    {
        await foreach (var row in query.AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return map(row);
        }
    }
}

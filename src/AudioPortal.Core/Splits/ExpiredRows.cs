using System.Reflection;
using AudioPortal.Core.Accounts;
using AudioPortal.Core.Data;
using AudioPortal.Core.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace AudioPortal.Core.Splits;

/// <summary>
/// The rows the <see cref="RetentionSweeper"/> removes by their <see cref="RetentionOptions"/> window alone: finished webhook
/// deliveries, expired refresh tokens, and every <see cref="IRequestRecord"/> table of the model (client address erased
/// first, the row later).
/// </summary>
public static class ExpiredRows
{
    private static readonly MethodInfo RequestRecordsMethod = typeof(ExpiredRows).GetMethod(nameof(RequestRecordsAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>Deletes (or, for client addresses, clears) what is past its window; answers the rows touched.</summary>
    public static async Task<int> DeleteAsync(AppDbContext db, RetentionOptions retention, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var deliveryCutoff = now - retention.WebhookDeliveries;
        var touched = await db.Set<WebhookDelivery>().IgnoreQueryFilters().Where(d => d.FinishedAt <= deliveryCutoff).ExecuteDeleteAsync(cancellationToken);

        var tokenCutoff = now - retention.RefreshTokens;
        touched += await db.Set<RefreshToken>().IgnoreQueryFilters().Where(t => t.ExpiresAt <= tokenCutoff).ExecuteDeleteAsync(cancellationToken);

        var requestTypes = db.Model.GetEntityTypes()
            .Where(t => typeof(IRequestRecord).IsAssignableFrom(t.ClrType) && t.BaseType is null && !t.IsOwned())
            .Select(t => t.ClrType).Distinct();
        foreach (var type in requestTypes)
        {
            touched += await (Task<int>)RequestRecordsMethod.MakeGenericMethod(type).Invoke(null, [db, retention, now, cancellationToken])!;
        }

        return touched;
    }

    private static async Task<int> RequestRecordsAsync<T>(AppDbContext db, RetentionOptions retention, DateTimeOffset now, CancellationToken cancellationToken)
        where T : class, IRequestRecord
    {
        var rows = db.Set<T>().IgnoreQueryFilters();
        var logCutoff = now - retention.RequestLogs;
        var deleted = await rows.Where(r => EF.Property<DateTimeOffset>(r, nameof(IRequestRecord.OccurredAt)) <= logCutoff).ExecuteDeleteAsync(cancellationToken);

        var addressCutoff = now - retention.ClientAddresses;
        var cleared = await rows
            .Where(r => EF.Property<DateTimeOffset>(r, nameof(IRequestRecord.OccurredAt)) <= addressCutoff
                && EF.Property<string?>(r, nameof(IRequestRecord.ClientAddress)) != null)
            .ExecuteUpdateAsync(set => set.SetProperty(r => EF.Property<string?>(r, nameof(IRequestRecord.ClientAddress)), (string?)null), cancellationToken);
        return deleted + cleared;
    }
}

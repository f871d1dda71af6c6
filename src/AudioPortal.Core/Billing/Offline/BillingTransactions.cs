using AudioPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AudioPortal.Core.Billing.Offline;

/// <summary>Runs a unit of billing work in one transaction under the account's lock, retrying a lost race (invoice number, profile row).</summary>
public static class BillingTransactions
{
    public static async Task<T> RunAsync<T>(IDbContextFactory<AppDbContext> dbs, string accountId, Func<AppDbContext, Task<T>> work, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                await UsageMeter.LockAccountAsync(db, accountId, cancellationToken);
                var result = await work(db);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Someone else took the invoice number or created the profile row; start over with fresh state.
            }
        }
    }
}

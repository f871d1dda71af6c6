using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AudioPortal.Core.ApiKeys;

/// <summary>
/// Clears the <see cref="ApiKeyCache"/> whenever this process writes to the keys or accounts tables, however the
/// write is made: tracked changes, <c>ExecuteUpdate</c>/<c>ExecuteDelete</c>, any feature. Watching the commands,
/// rather than asking each writer to remember the cache, keeps revocation immediate for writers added later
/// (account deletion, plan changes from billing). A write inside a transaction clears again at commit, so a lookup
/// that read the old row before the commit cannot keep it.
/// </summary>
public sealed class ApiKeyCacheInvalidator(ApiKeyCache cache) : DbCommandInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbTransaction, object> _dirty = [];

    /// <summary>True for a statement that may change what a key lookup reads (not a plain query).</summary>
    public static bool TouchesCredentials(string sql) =>
        !sql.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) &&
        (sql.Contains("\"ApiKeys\"", StringComparison.Ordinal) || sql.Contains("\"AspNetUsers\"", StringComparison.Ordinal));

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Observe(command);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Observe(command);
        return ValueTask.FromResult(result);
    }

    // SaveChanges on SQLite reads back with RETURNING, so its writes arrive as readers.
    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Observe(command);
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Observe(command);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(transaction);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(transaction);
        return Task.CompletedTask;
    }

    private void Observe(DbCommand command)
    {
        if (!TouchesCredentials(command.CommandText))
        {
            return;
        }

        cache.Clear();
        if (command.Transaction is { } transaction)
        {
            _dirty.AddOrUpdate(transaction, this);
        }
    }

    private void Committed(DbTransaction transaction)
    {
        if (_dirty.Remove(transaction))
        {
            cache.Clear();
        }
    }
}

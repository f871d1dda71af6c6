using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace AudioPortal.Core.Data;

/// <summary>
/// Runs a chore in one process of a cluster at a time: the sweepers and the billing cycle take their lease before
/// each round. The holder renews it every round; another process takes it over once it has expired (its holder
/// stopped or died). One conditional UPDATE (or the first INSERT, which the primary key lets only one process win)
/// decides, so it holds on SQLite and PostgreSQL alike; a single process always holds its own leases.
/// </summary>
public sealed class ClusterLeases(PooledDbContextFactory<AppDbContext> dbs, TimeProvider clock)
{
    /// <summary>This process (new on every start).</summary>
    public string Holder { get; } = "proc_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    /// <summary>Takes or renews <paramref name="name"/> for <paramref name="ttl"/>; false while another process holds it.</summary>
    public async Task<bool> TryHoldAsync(string name, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var until = now + ttl;
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var leases = db.Set<ClusterLease>();
        var taken = await leases.Where(l => l.Name == name && (l.Holder == Holder || l.ExpiresAt < now))
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.Holder, Holder).SetProperty(l => l.ExpiresAt, until), cancellationToken);
        if (taken == 1)
        {
            return true;
        }

        if (await leases.AnyAsync(l => l.Name == name, cancellationToken))
        {
            return false;
        }

        leases.Add(new ClusterLease { Name = name, Holder = Holder, ExpiresAt = until });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            return false; // another process inserted it first
        }
    }
}

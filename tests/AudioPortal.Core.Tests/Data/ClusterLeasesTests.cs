using AudioPortal.Core.Data;
using AudioPortal.Core.Tests.Splits;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AudioPortal.Core.Tests.Data;

/// <summary>
/// Cluster leases over a real database (<see cref="OnSqlite"/>, <see cref="OnPostgres"/>): two <see cref="ClusterLeases"/>
/// on one database are two processes; a chore is held by one at a time and changes hands only once its lease expired.
/// </summary>
public abstract class ClusterLeasesTests(TestEngine engine)
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(20);

    public sealed class OnSqlite() : ClusterLeasesTests(TestEngine.Sqlite);

    public sealed class OnPostgres() : ClusterLeasesTests(TestEngine.Postgres), IOnPostgres;

    [DatabaseFact]
    public async Task A_lease_is_held_by_one_process_renewed_by_it_and_taken_over_only_once_it_has_expired()
    {
        await using var services = new SplitsTestServices(engine: engine);
        var (first, second) = (Process(services), Process(services));

        Assert.True(await first.TryHoldAsync("Retention", Ttl, default));
        Assert.False(await second.TryHoldAsync("Retention", Ttl, default));
        Assert.True(await second.TryHoldAsync("Storage", Ttl, default)); // one lease per chore

        services.Clock.Advance(TimeSpan.FromMinutes(15));
        Assert.True(await first.TryHoldAsync("Retention", Ttl, default)); // renewed until minute 35
        services.Clock.Advance(TimeSpan.FromMinutes(15));
        Assert.False(await second.TryHoldAsync("Retention", Ttl, default));

        services.Clock.Advance(TimeSpan.FromMinutes(6)); // the first has not renewed for 21 minutes: gone
        Assert.True(await second.TryHoldAsync("Retention", Ttl, default));
        Assert.False(await first.TryHoldAsync("Retention", Ttl, default));
    }

    [DatabaseFact]
    public async Task Of_processes_racing_for_a_new_lease_exactly_one_wins()
    {
        await using var services = new SplitsTestServices(engine: engine);
        var processes = Enumerable.Range(0, 6).Select(_ => Process(services)).ToList();

        var held = await Task.WhenAll(processes.Select(p => Task.Run(() => p.TryHoldAsync("Billing", Ttl, default))));

        Assert.Equal(1, held.Count(h => h));
    }

    private static ClusterLeases Process(SplitsTestServices services) =>
        new(services.Provider.GetRequiredService<PooledDbContextFactory<AppDbContext>>(), services.Clock);
}

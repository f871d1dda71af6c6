using AudioPortal.Core.Accounts;
using AudioPortal.Core.ApiKeys;
using AudioPortal.Core.Data;
using AudioPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AudioPortal.Web.Tests.Data;

/// <summary>Contexts are pooled; the tenant filter must still see only the account of whoever holds one.</summary>
public sealed class PooledDbContextTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_context_back_in_the_pool_carries_no_account_to_its_next_user()
    {
        var account = await factory.CreateAccountAsync();
        await factory.CreateKeyAsync(account.Id);

        AppDbContext first;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentAccount>().Set(account.Id, Scopes.All);
            first = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.Equal(1, await first.Set<ApiKey>().CountAsync());
        }

        // Rent from the pool until that same instance comes back (other work may hold or return others meanwhile).
        var pool = factory.Services.GetRequiredService<PooledDbContextFactory<AppDbContext>>();
        var rented = new List<AppDbContext>();
        try
        {
            for (var i = 0; i < 200 && !rented.Contains(first); i++)
            {
                rented.Add(pool.CreateDbContext());
            }

            Assert.Contains(first, rented);
            Assert.Null(first.CurrentAccountId);
            Assert.Equal(0, await first.Set<ApiKey>().CountAsync());
            Assert.True(await first.Set<ApiKey>().IgnoreQueryFilters().AnyAsync(k => k.AccountId == account.Id));
        }
        finally
        {
            rented.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task A_context_from_the_factory_sees_the_account_of_its_scope()
    {
        var mine = await factory.CreateAccountAsync();
        var other = await factory.CreateAccountAsync();
        await factory.CreateKeyAsync(mine.Id, name: "mine");
        await factory.CreateKeyAsync(other.Id, name: "other");

        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentAccount>().Set(mine.Id, Scopes.All);
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();

        Assert.Equal(["mine"], await db.Set<ApiKey>().Select(k => k.Name).ToListAsync());
    }
}

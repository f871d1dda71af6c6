using AudioPortal.Core.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AudioPortal.Core.Data;

/// <summary>
/// How <see cref="AppDbContext"/> is registered, by the host and by tests alike: contexts come from one pool
/// (creating a context and its EF services per request was a large share of an API request's CPU), and each is
/// bound to the scope's <see cref="ICurrentAccount"/> as it is handed out, through the scoped
/// <see cref="AppDbContext"/> or the scoped <see cref="IDbContextFactory{TContext}"/>. Disposal unbinds it.
/// </summary>
public static class AppDbContextRegistration
{
    public static IServiceCollection AddAppDbContext(this IServiceCollection services, Action<IServiceProvider, DbContextOptionsBuilder<AppDbContext>> configure)
    {
        services.AddSingleton(sp =>
        {
            var options = new DbContextOptionsBuilder<AppDbContext>().UseApplicationServiceProvider(sp);
            configure(sp, options);
            return new PooledDbContextFactory<AppDbContext>(options.Options);
        });
        services.AddScoped<IDbContextFactory<AppDbContext>, AccountBoundDbContextFactory>();
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext());
        services.AddSingleton<ClusterLeases>();
        return services;
    }
}

/// <summary>Hands out pooled contexts bound to the scope's account (none for system work outside a request).</summary>
public sealed class AccountBoundDbContextFactory(PooledDbContextFactory<AppDbContext> pool, ICurrentAccount? account = null)
    : IDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext() => pool.CreateDbContext().ForAccount(account);
}

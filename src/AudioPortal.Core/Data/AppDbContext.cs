using System.Linq.Expressions;
using AudioPortal.Core.Accounts;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace AudioPortal.Core.Data;

/// <summary>
/// The one EF Core model. Entities are configured by <c>IEntityTypeConfiguration</c> classes in their feature
/// folders and reached with <c>Set&lt;T&gt;()</c>, so a feature never needs to edit this file.
/// <para>
/// Contexts are pooled (one constructor taking only the options, as pooling requires): whoever hands one out binds
/// it to the caller with <see cref="ForAccount"/>, and disposing it unbinds it, so a context back in the pool never
/// carries an account to its next user. An unbound context sees no tenant rows (fail closed).
/// </para>
/// </summary>
public sealed class AppDbContext(DbContextOptions<AppDbContext> options)
    : IdentityDbContext<Account>(options)
{
    private ICurrentAccount? _currentAccount;

    // Read by the query filters at query time (EF parameterises member access on the context).
    public string? CurrentAccountId => _currentAccount?.AccountId;

    /// <summary>Binds the context to a request's or circuit's account, read lazily at each query.</summary>
    public AppDbContext ForAccount(ICurrentAccount? currentAccount)
    {
        _currentAccount = currentAccount;
        return this;
    }

    public override void Dispose()
    {
        _currentAccount = null;
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        _currentAccount = null;
        return base.DisposeAsync();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        ApplyTenantFilters(builder);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset; store UTC ticks so queries stay provider-neutral.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToTicksConverter>();
    }

    private void ApplyTenantFilters(ModelBuilder builder)
    {
        foreach (var entityType in builder.Model.GetEntityTypes())
        {
            if (!typeof(IAccountOwned).IsAssignableFrom(entityType.ClrType) || entityType.BaseType is not null)
            {
                continue;
            }

            // e => e.AccountId == this.CurrentAccountId  (no account: no rows — fail closed)
            var entity = Expression.Parameter(entityType.ClrType, "e");
            var owner = Expression.Property(entity, nameof(IAccountOwned.AccountId));
            var current = Expression.Property(Expression.Constant(this), nameof(CurrentAccountId));
            var filter = Expression.Lambda(Expression.Equal(owner, current), entity);
            builder.Entity(entityType.ClrType).HasQueryFilter(filter);
        }
    }
}

using System.Linq.Expressions;
using AudioPortal.Core.Accounts;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace AudioPortal.Core.Data;

/// <summary>
/// The one EF Core model. Entities are configured by <c>IEntityTypeConfiguration</c> classes in their feature
/// folders and reached with <c>Set&lt;T&gt;()</c>, so a feature never needs to edit this file.
/// </summary>
public sealed class AppDbContext(DbContextOptions<AppDbContext> options, ICurrentAccount? currentAccount = null)
    : IdentityDbContext<Account>(options)
{
    // Read by the query filters at query time (EF parameterises member access on the context).
    public string? CurrentAccountId => currentAccount?.AccountId;

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

using AudioPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AudioPortal.Core.Billing;

/// <summary>
/// One row per account that has touched billing: the provider's customer id and a version that every quota
/// reservation bumps first. That update takes the row's write lock (PostgreSQL) or the database's (SQLite), so two
/// reservations of the same account are serialised on any provider.
/// </summary>
public sealed class BillingProfile : IAccountOwned
{
    public string AccountId { get; set; } = "";

    public string? StripeCustomerId { get; set; }

    public long LockVersion { get; set; }
}

internal sealed class BillingProfileConfiguration : IEntityTypeConfiguration<BillingProfile>
{
    public void Configure(EntityTypeBuilder<BillingProfile> builder)
    {
        builder.ToTable("BillingProfiles");
        builder.HasKey(p => p.AccountId);
        builder.Property(p => p.AccountId).HasMaxLength(64);
        builder.Property(p => p.StripeCustomerId).HasMaxLength(128);
        builder.HasIndex(p => p.StripeCustomerId).IsUnique();
    }
}

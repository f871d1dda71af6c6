using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AudioPortal.Core.Data;

/// <summary>A row per cluster-wide chore (a sweeper, the billing cycle): which process does it until when.</summary>
public sealed class ClusterLease
{
    public string Name { get; set; } = "";

    /// <summary>The holding process (<see cref="ClusterLeases.Holder"/>).</summary>
    public string Holder { get; set; } = "";

    public DateTimeOffset ExpiresAt { get; set; }
}

internal sealed class ClusterLeaseConfiguration : IEntityTypeConfiguration<ClusterLease>
{
    public void Configure(EntityTypeBuilder<ClusterLease> builder)
    {
        builder.ToTable("ClusterLeases");
        builder.HasKey(l => l.Name);
        builder.Property(l => l.Name).HasMaxLength(64);
        builder.Property(l => l.Holder).HasMaxLength(64).IsRequired();
    }
}

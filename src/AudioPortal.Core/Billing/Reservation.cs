using AudioPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AudioPortal.Core.Billing;

public enum ReservationState
{
    /// <summary>The job is processing; its minutes count against the quota.</summary>
    Active,

    /// <summary>The job completed; a <see cref="UsageRecord"/> now carries the minutes.</summary>
    Committed,

    /// <summary>The job failed or was cancelled; the minutes are free again.</summary>
    Released,
}

/// <summary>Minutes held for a processing job, so parallel jobs cannot overrun a no-overage quota. One per job.</summary>
public sealed class Reservation : IAccountOwned
{
    public long Id { get; set; }

    public string AccountId { get; set; } = "";

    public string JobId { get; set; } = "";

    public int Minutes { get; set; }

    public double SourceSeconds { get; set; }

    public ReservationState State { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the reservation was committed or released.</summary>
    public DateTimeOffset? SettledAt { get; set; }
}

internal sealed class ReservationConfiguration : IEntityTypeConfiguration<Reservation>
{
    public void Configure(EntityTypeBuilder<Reservation> builder)
    {
        builder.ToTable("UsageReservations");
        builder.Property(r => r.AccountId).HasMaxLength(64).IsRequired();
        builder.Property(r => r.JobId).HasMaxLength(64).IsRequired();
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(r => r.JobId).IsUnique();
        builder.HasIndex(r => new { r.AccountId, r.State });
    }
}

using AudioPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AudioPortal.Core.Billing;

/// <summary>
/// The billable minutes of one completed job: the only source of usage reports and overage (no counters that can
/// drift). One per job, enforced by a unique index. A billing record: it outlives the job and the account's erasure
/// (see <see cref="IBillingRecord"/>).
/// </summary>
public sealed class UsageRecord : IBillingRecord
{
    public long Id { get; set; }

    public string AccountId { get; set; } = "";

    public string JobId { get; set; } = "";

    public int Minutes { get; set; }

    public double SourceSeconds { get; set; }

    /// <summary>The plan in force when the job completed, for reports of past periods.</summary>
    public string PlanId { get; set; } = "";

    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>When the overage share of this record was reported to the payment provider (Stripe meter events); null until then.</summary>
    public DateTimeOffset? ReportedAt { get; set; }
}

internal sealed class UsageRecordConfiguration : IEntityTypeConfiguration<UsageRecord>
{
    public void Configure(EntityTypeBuilder<UsageRecord> builder)
    {
        builder.ToTable("UsageRecords");
        builder.Property(u => u.AccountId).HasMaxLength(64).IsRequired();
        builder.Property(u => u.JobId).HasMaxLength(64).IsRequired();
        builder.Property(u => u.PlanId).HasMaxLength(64).IsRequired();
        builder.HasIndex(u => u.JobId).IsUnique();
        builder.HasIndex(u => new { u.AccountId, u.RecordedAt });
    }
}

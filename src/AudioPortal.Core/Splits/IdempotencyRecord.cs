using AudioPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AudioPortal.Core.Splits;

/// <summary>An <c>Idempotency-Key</c> used on <c>POST /splits</c>: the request's fingerprint, the job it created and the first answer. Kept 24 h.</summary>
public sealed class IdempotencyRecord : IAccountOwned
{
    public long Id { get; set; }

    public string AccountId { get; set; } = "";

    public string Key { get; set; } = "";

    /// <summary>SHA-256 of the request's fields (and of the uploaded bytes), lowercase hex.</summary>
    public string RequestHash { get; set; } = "";

    public string JobId { get; set; } = "";

    /// <summary>The job as the first answer showed it (JSON): a replay answers with it again, as Stripe does, not with the job's state now.</summary>
    public string? ResponseJson { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("IdempotencyKeys");
        builder.Property(r => r.AccountId).HasMaxLength(64).IsRequired();
        builder.Property(r => r.Key).HasMaxLength(255).IsRequired();
        builder.Property(r => r.RequestHash).HasMaxLength(64).IsRequired();
        builder.Property(r => r.JobId).HasMaxLength(64).IsRequired();
        builder.HasIndex(r => new { r.AccountId, r.Key }).IsUnique();
        builder.HasIndex(r => r.CreatedAt);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AudioPortal.Core.Billing;

/// <summary>A Stripe webhook event already handled; the primary key makes a replayed event a no-op.</summary>
public sealed class ProcessedStripeEvent
{
    public string EventId { get; set; } = "";

    public string Type { get; set; } = "";

    public DateTimeOffset ProcessedAt { get; set; }
}

internal sealed class ProcessedStripeEventConfiguration : IEntityTypeConfiguration<ProcessedStripeEvent>
{
    public void Configure(EntityTypeBuilder<ProcessedStripeEvent> builder)
    {
        builder.ToTable("ProcessedStripeEvents");
        builder.HasKey(e => e.EventId);
        builder.Property(e => e.EventId).HasMaxLength(128);
        builder.Property(e => e.Type).HasMaxLength(128);
    }
}

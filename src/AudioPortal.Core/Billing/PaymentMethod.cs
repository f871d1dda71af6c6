using AudioPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AudioPortal.Core.Billing;

/// <summary>The account's payment method on file: a card mirrored from Stripe, or "invoice me" for the offline provider.</summary>
public sealed class PaymentMethod : IAccountOwned
{
    public const string InvoiceType = "invoice";
    public const string CardType = "card";

    public string AccountId { get; set; } = "";

    public string Type { get; set; } = InvoiceType;

    public string? Brand { get; set; }

    public string? Last4 { get; set; }

    public int? ExpiresMonth { get; set; }

    public int? ExpiresYear { get; set; }

    public string? ExternalId { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class PaymentMethodConfiguration : IEntityTypeConfiguration<PaymentMethod>
{
    public void Configure(EntityTypeBuilder<PaymentMethod> builder)
    {
        builder.ToTable("PaymentMethods");
        builder.HasKey(p => p.AccountId);
        builder.Property(p => p.AccountId).HasMaxLength(64);
        builder.Property(p => p.Type).HasMaxLength(16).IsRequired();
        builder.Property(p => p.Brand).HasMaxLength(32);
        builder.Property(p => p.Last4).HasMaxLength(4);
        builder.Property(p => p.ExternalId).HasMaxLength(128);
    }
}

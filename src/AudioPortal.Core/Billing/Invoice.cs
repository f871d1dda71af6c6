using AudioPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AudioPortal.Core.Billing;

public static class InvoiceStatus
{
    public const string Open = "open";
    public const string Paid = "paid";
    public const string Void = "void";
    public const string Uncollectible = "uncollectible";
}

/// <summary>
/// An invoice: issued locally by the offline provider (numbered <c>INV-2026-0001</c>) or mirrored from Stripe. A billing
/// record: it outlives the account's erasure (see <see cref="IBillingRecord"/>), its lines with it.
/// </summary>
public sealed class Invoice : IBillingRecord
{
    public string Id { get; set; } = Ids.New("inv");

    public string AccountId { get; set; } = "";

    public string Number { get; set; } = "";

    public string Status { get; set; } = InvoiceStatus.Open;

    /// <summary>The total in cents: the sum of the lines, computed once when issued.</summary>
    public long Amount { get; set; }

    public string Currency { get; set; } = "usd";

    public DateTimeOffset PeriodStart { get; set; }

    public DateTimeOffset PeriodEnd { get; set; }

    public DateTimeOffset IssuedAt { get; set; }

    /// <summary>After this instant an open invoice is past due and blocks new jobs (PAYMENT_REQUIRED).</summary>
    public DateTimeOffset DueAt { get; set; }

    public DateTimeOffset? PaidAt { get; set; }

    public string Provider { get; set; } = "";

    /// <summary>Stripe's <c>in_…</c> id for mirrored invoices.</summary>
    public string? ExternalId { get; set; }

    /// <summary>Stripe's hosted PDF; null when we render the invoice ourselves.</summary>
    public string? ExternalPdfUrl { get; set; }

    public List<InvoiceLine> Lines { get; set; } = [];
}

public static class InvoiceLineKind
{
    public const string BasePlan = "base_plan";
    public const string Proration = "proration";
    public const string Overage = "overage";
}

public sealed class InvoiceLine
{
    public long Id { get; set; }

    public string InvoiceId { get; set; } = "";

    public string Kind { get; set; } = "";

    public string Description { get; set; } = "";

    public long Quantity { get; set; } = 1;

    /// <summary>Cents per unit; for prorations the already-rounded amount.</summary>
    public long UnitAmount { get; set; }

    public long Amount { get; set; }
}

internal sealed class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
{
    public void Configure(EntityTypeBuilder<Invoice> builder)
    {
        builder.ToTable("Invoices");
        builder.Property(i => i.Id).HasMaxLength(64);
        builder.Property(i => i.AccountId).HasMaxLength(64).IsRequired();
        builder.Property(i => i.Number).HasMaxLength(64).IsRequired();
        builder.Property(i => i.Status).HasMaxLength(16).IsRequired();
        builder.Property(i => i.Currency).HasMaxLength(8).IsRequired();
        builder.Property(i => i.Provider).HasMaxLength(16).IsRequired();
        builder.Property(i => i.ExternalId).HasMaxLength(128);
        builder.Property(i => i.ExternalPdfUrl).HasMaxLength(1000);
        builder.HasIndex(i => i.Number).IsUnique();
        builder.HasIndex(i => i.ExternalId).IsUnique();
        builder.HasIndex(i => new { i.AccountId, i.IssuedAt });
        builder.HasMany(i => i.Lines).WithOne().HasForeignKey(l => l.InvoiceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InvoiceLineConfiguration : IEntityTypeConfiguration<InvoiceLine>
{
    public void Configure(EntityTypeBuilder<InvoiceLine> builder)
    {
        builder.ToTable("InvoiceLines");
        builder.Property(l => l.Kind).HasMaxLength(16).IsRequired();
        builder.Property(l => l.Description).HasMaxLength(500).IsRequired();
    }
}

using AudioPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AudioPortal.Core.Billing;

/// <summary>Subscription states, named as Stripe names them (the offline provider uses the same words).</summary>
public static class SubscriptionStatus
{
    public const string Active = "active";
    public const string Trialing = "trialing";
    public const string PastDue = "past_due";
    public const string Unpaid = "unpaid";
    public const string Incomplete = "incomplete";
    public const string IncompleteExpired = "incomplete_expired";
    public const string Canceled = "canceled";

    /// <summary>States in which the paid plan is in force (and a second subscribe is ALREADY_SUBSCRIBED).</summary>
    public static bool IsLive(string status) => status is Active or Trialing or PastDue or Unpaid;
}

/// <summary>A paid plan subscription, kept by the offline provider or mirrored from Stripe.</summary>
public sealed class Subscription : IAccountOwned
{
    public string Id { get; set; } = Ids.New("sub");

    public string AccountId { get; set; } = "";

    public string PlanId { get; set; } = "";

    public string Status { get; set; } = SubscriptionStatus.Active;

    /// <summary><c>offline</c> or <c>stripe</c>.</summary>
    public string Provider { get; set; } = "";

    /// <summary>The provider's id (Stripe <c>sub_…</c>); null for offline subscriptions.</summary>
    public string? ExternalId { get; set; }

    /// <summary>Periods are whole months counted from this instant (the subscription's start).</summary>
    public DateTimeOffset PeriodAnchor { get; set; }

    public DateTimeOffset CurrentPeriodStart { get; set; }

    public DateTimeOffset CurrentPeriodEnd { get; set; }

    public bool CancelAtPeriodEnd { get; set; }

    /// <summary>A downgrade that takes effect when the current period ends.</summary>
    public string? ScheduledPlanId { get; set; }

    public string? CancelReason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? CanceledAt { get; set; }

    public BillingPeriod CurrentPeriod => new(CurrentPeriodStart, CurrentPeriodEnd);
}

internal sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> builder)
    {
        builder.ToTable("Subscriptions");
        builder.Property(s => s.Id).HasMaxLength(64);
        builder.Property(s => s.AccountId).HasMaxLength(64).IsRequired();
        builder.Property(s => s.PlanId).HasMaxLength(64).IsRequired();
        builder.Property(s => s.Status).HasMaxLength(32).IsRequired();
        builder.Property(s => s.Provider).HasMaxLength(16).IsRequired();
        builder.Property(s => s.ExternalId).HasMaxLength(128);
        builder.Property(s => s.ScheduledPlanId).HasMaxLength(64);
        builder.Property(s => s.CancelReason).HasMaxLength(500);
        builder.HasIndex(s => s.ExternalId).IsUnique();
        builder.HasIndex(s => new { s.AccountId, s.Status });
    }
}

using AudioPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AudioPortal.Core.Webhooks;

public static class DeliveryStatus
{
    /// <summary>Waiting for its next attempt.</summary>
    public const string Pending = "pending";

    public const string Succeeded = "succeeded";

    /// <summary>Every attempt of the schedule failed.</summary>
    public const string Failed = "failed";
}

/// <summary>
/// One event sent to one webhook URL: the exact body (signed as stored, so every retry sends identical bytes
/// under the same <c>whd_…</c> id), the attempt count, and what the receiver last answered.
/// </summary>
public sealed class WebhookDelivery : IAccountOwned
{
    public string Id { get; set; } = Ids.New("whd");

    public string AccountId { get; set; } = "";

    public string JobId { get; set; } = "";

    public string Event { get; set; } = "";

    public string Url { get; set; } = "";

    public string Payload { get; set; } = "";

    public string Status { get; set; } = DeliveryStatus.Pending;

    public int Attempts { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? NextAttemptAt { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }

    /// <summary>When it succeeded or finally failed.</summary>
    public DateTimeOffset? FinishedAt { get; set; }

    public int? ResponseStatus { get; set; }

    /// <summary>The first 1 KB of the receiver's last answer.</summary>
    public string? ResponseBody { get; set; }

    /// <summary>Why the last attempt failed when there was no answer (timeout, refused address, …).</summary>
    public string? LastError { get; set; }

    /// <summary>Held by the dispatcher while an attempt is in flight, so two dispatchers never send the same attempt.</summary>
    public string? LeaseToken { get; set; }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("WebhookDeliveries");
        builder.Property(d => d.Id).HasMaxLength(64);
        builder.Property(d => d.AccountId).HasMaxLength(64).IsRequired();
        builder.Property(d => d.JobId).HasMaxLength(64).IsRequired();
        builder.Property(d => d.Event).HasMaxLength(32).IsRequired();
        builder.Property(d => d.Url).HasMaxLength(2048).IsRequired();
        builder.Property(d => d.Status).HasMaxLength(16).IsRequired();
        builder.Property(d => d.ResponseBody).HasMaxLength(1024);
        builder.Property(d => d.LastError).HasMaxLength(1000);
        builder.Property(d => d.LeaseToken).HasMaxLength(64);
        builder.HasIndex(d => new { d.Status, d.NextAttemptAt });
        builder.HasIndex(d => new { d.AccountId, d.CreatedAt });
    }
}

using System.ComponentModel.DataAnnotations;
using AudioPortal.Core.Storage;

namespace AudioPortal.Core.Billing;

/// <summary>A plan as configured under <c>Plans</c> in appsettings.json. Money is in integer cents.</summary>
public sealed class Plan : IStorageCap
{
    [Required]
    public string Id { get; set; } = "";

    [Required]
    public string Name { get; set; } = "";

    [AtLeast(0)]
    public long PricePerMonth { get; set; }

    [Required]
    public string Currency { get; set; } = "usd";

    [AtLeast(0)]
    public int MonthlyMinutes { get; set; }

    /// <summary>Cents per minute past the included minutes; null means no overage (QUOTA_EXCEEDED instead).</summary>
    [AtLeast(0)]
    public long? OveragePerMinute { get; set; }

    [AtLeast(1)]
    public long MaxFileSize { get; set; }

    /// <summary>Bytes the account may keep in storage (sources, parts, staged uploads, exports); 0 means no cap.</summary>
    [AtLeast(0)]
    public long MaxStorageBytes { get; set; }

    [AtLeast(1)]
    public int RequestsPerMinute { get; set; }

    [AtLeast(1)]
    public int ConcurrentJobs { get; set; }

    [AtLeast(1)]
    public int RetentionHours { get; set; }

    [AtLeast(0)]
    public int MaxApiKeys { get; set; }

    /// <summary>The Stripe Price for the base fee, when Stripe is the provider.</summary>
    public string? StripePriceId { get; set; }

    public bool IsFree => PricePerMonth == 0;

    public TimeSpan Retention => TimeSpan.FromHours(RetentionHours);
}

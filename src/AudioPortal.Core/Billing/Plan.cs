namespace AudioPortal.Core.Billing;

/// <summary>A plan as configured under <c>Plans</c> in appsettings.json. Money is in integer cents.</summary>
public sealed class Plan
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public long PricePerMonth { get; set; }

    public string Currency { get; set; } = "usd";

    public int MonthlyMinutes { get; set; }

    /// <summary>Cents per minute past the included minutes; null means no overage (QUOTA_EXCEEDED instead).</summary>
    public long? OveragePerMinute { get; set; }

    public long MaxFileSize { get; set; }

    /// <summary>Bytes the account may keep in storage (sources, parts, staged uploads, exports); 0 means no cap.</summary>
    public long MaxStorageBytes { get; set; }

    public int RequestsPerMinute { get; set; }

    public int ConcurrentJobs { get; set; }

    public int RetentionHours { get; set; }

    public int MaxApiKeys { get; set; }

    /// <summary>The Stripe Price for the base fee, when Stripe is the provider.</summary>
    public string? StripePriceId { get; set; }

    public bool IsFree => PricePerMonth == 0;

    public TimeSpan Retention => TimeSpan.FromHours(RetentionHours);
}

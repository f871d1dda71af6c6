using System.ComponentModel.DataAnnotations;

namespace AudioPortal.Core.Billing;

/// <summary>The <c>Billing</c> section of appsettings.json.</summary>
public sealed class BillingOptions
{
    /// <summary>Days an offline invoice stays open before it is past due and new jobs get PAYMENT_REQUIRED.</summary>
    [Range(0, 365)]
    public int InvoiceDueDays { get; set; } = 14;

    /// <summary>How often the hosted timer closes ended periods and reports usage to the provider.</summary>
    [PositiveDuration]
    public TimeSpan TimerInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Off in tests that drive period closing and usage reporting themselves.</summary>
    public bool TimerEnabled { get; set; } = true;

    /// <summary>The seller's name and address lines printed on invoices.</summary>
    [Required]
    public string SellerName { get; set; } = "AudioPortal";

    public string? SellerAddress { get; set; }

    /// <summary>The portal's public base URL (e.g. https://audio.example.com), used for checkout return links. Set from the top-level <c>PublicBaseUrl</c>.</summary>
    public string? PublicBaseUrl { get; set; }
}

using System.ComponentModel.DataAnnotations;

namespace AudioPortal.Core.Billing;

/// <summary>The <c>Stripe</c> section. Leaving <see cref="SecretKey"/> empty selects the offline provider.</summary>
public sealed class StripeOptions
{
    public string? SecretKey { get; set; }

    public string? WebhookSecret { get; set; }

    /// <summary>Overrides https://api.stripe.com (tests point it at a fake server on 127.0.0.1).</summary>
    public string? ApiBase { get; set; }

    /// <summary>The Billing Meter event name that overage minutes are reported under.</summary>
    [Required]
    public string MeterEventName { get; set; } = "audio_minutes";

    /// <summary>Plan id → Stripe Price id of the base fee; plans may also carry <c>StripePriceId</c> themselves.</summary>
    public Dictionary<string, string> Prices { get; set; } = [];

    /// <summary>Plan id → metered Stripe Price id for overage, added to checkout and new subscriptions when set.</summary>
    public Dictionary<string, string> OveragePrices { get; set; } = [];

    public bool IsConfigured => !string.IsNullOrWhiteSpace(SecretKey);
}

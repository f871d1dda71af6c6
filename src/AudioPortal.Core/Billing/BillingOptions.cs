namespace AudioPortal.Core.Billing;

/// <summary>The <c>Billing</c> section of appsettings.json.</summary>
public sealed class BillingOptions
{
    /// <summary>Days an offline invoice stays open before it is past due and new jobs get PAYMENT_REQUIRED.</summary>
    public int InvoiceDueDays { get; set; } = 14;

    /// <summary>How often the hosted timer closes ended periods and reports usage to the provider.</summary>
    public TimeSpan TimerInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Off in tests that drive period closing and usage reporting themselves.</summary>
    public bool TimerEnabled { get; set; } = true;

    /// <summary>The seller's name and address lines printed on invoices.</summary>
    public string SellerName { get; set; } = "AudioPortal";

    public string? SellerAddress { get; set; }

    /// <summary>The portal's public base URL (e.g. https://audio.example.com), used for checkout return links. Set from the top-level <c>PublicBaseUrl</c>.</summary>
    public string? PublicBaseUrl { get; set; }
}

/// <summary>The <c>Stripe</c> section. Leaving <see cref="SecretKey"/> empty selects the offline provider.</summary>
public sealed class StripeOptions
{
    public string? SecretKey { get; set; }

    public string? WebhookSecret { get; set; }

    /// <summary>Overrides https://api.stripe.com (tests point it at a fake server on 127.0.0.1).</summary>
    public string? ApiBase { get; set; }

    /// <summary>The Billing Meter event name that overage minutes are reported under.</summary>
    public string MeterEventName { get; set; } = "audio_minutes";

    /// <summary>Plan id → Stripe Price id of the base fee; plans may also carry <c>StripePriceId</c> themselves.</summary>
    public Dictionary<string, string> Prices { get; set; } = [];

    /// <summary>Plan id → metered Stripe Price id for overage, added to checkout and new subscriptions when set.</summary>
    public Dictionary<string, string> OveragePrices { get; set; } = [];

    public bool IsConfigured => !string.IsNullOrWhiteSpace(SecretKey);
}

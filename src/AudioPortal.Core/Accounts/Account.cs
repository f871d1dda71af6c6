using Microsoft.AspNetCore.Identity;

namespace AudioPortal.Core.Accounts;

/// <summary>A customer: an Identity user that owns a plan, jobs, API keys and a webhook secret.</summary>
public sealed class Account : IdentityUser
{
    public Account()
    {
        Id = Ids.New("usr");
        SecurityStamp = Guid.NewGuid().ToString();
    }

    /// <summary>The plan in force (see <c>Plans</c> in appsettings.json); every account starts on the free plan.</summary>
    public string PlanId { get; set; } = Billing.PlanCatalog.FreePlanId;

    /// <summary>The <c>whsec_…</c> secret that signs this account's webhook deliveries.</summary>
    public string WebhookSecret { get; set; } = "whsec_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));

    public bool WebhooksEnabled { get; set; } = true;

    /// <summary>When webhooks were last re-enabled: events that failed before it no longer count toward the automatic disable.</summary>
    public DateTimeOffset? WebhooksEnabledAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set when the account is deleted; its data is removed and it can no longer sign in.</summary>
    public DateTimeOffset? DeletedAt { get; set; }

    /// <summary>
    /// Set when a deleted account's grace period ended and its data was erased: what remains of the row carries no personal
    /// data and stands only for the billing records kept after it (<c>Retention:BillingRecordYears</c>).
    /// </summary>
    public DateTimeOffset? ErasedAt { get; set; }

    /// <summary>What the account may do beyond its own data: <see cref="AccountRoles.User"/> or <see cref="AccountRoles.Admin"/>.</summary>
    public string Role { get; set; } = AccountRoles.User;

    /// <summary>Set while an operator has disabled the account: no sign-in, its keys and tokens refused, its queued jobs left waiting.</summary>
    public DateTimeOffset? DisabledAt { get; set; }
}

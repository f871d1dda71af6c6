using AudioPortal.Core.Accounts;
using AudioPortal.Core.Data;
using AudioPortal.Core.Errors;
using Microsoft.EntityFrameworkCore;

namespace AudioPortal.Core.Webhooks;

public sealed record WebhookDeliveryView(
    string Id, string Event, string JobId, string Url, string Status, int Attempts, int? ResponseStatus, string? ResponseBody,
    string? Error, DateTimeOffset CreatedAt, DateTimeOffset? LastAttemptAt, DateTimeOffset? NextRetryAt);

public sealed record WebhookSettingsView(string SecretPreview, bool Enabled, IReadOnlyList<WebhookDeliveryView> Deliveries);

/// <summary>The current account's webhook settings and delivery log (<c>GET /webhooks</c>, rotate, enable).</summary>
public sealed class WebhookSettingsService(AppDbContext db, ICurrentAccount current, WebhookDispatcher dispatcher, TimeProvider clock)
{
    public const int RecentDeliveries = 50;

    public async Task<Result<WebhookSettingsView>> GetAsync(CancellationToken cancellationToken)
    {
        if (current.AccountId is not { } accountId)
        {
            return ErrorCatalog.Unauthorized.ToError();
        }

        var account = await db.Users.AsNoTracking().Where(a => a.Id == accountId)
            .Select(a => new { a.WebhookSecret, a.WebhooksEnabled }).FirstOrDefaultAsync(cancellationToken);
        if (account is null)
        {
            return ErrorCatalog.Unauthorized.ToError();
        }

        var deliveries = await db.Set<WebhookDelivery>().AsNoTracking().OrderByDescending(d => d.CreatedAt).Take(RecentDeliveries)
            .Select(d => new WebhookDeliveryView(d.Id, d.Event, d.JobId, d.Url, d.Status, d.Attempts, d.ResponseStatus, d.ResponseBody,
                d.LastError, d.CreatedAt, d.LastAttemptAt, d.Status == DeliveryStatus.Pending ? d.NextAttemptAt : null))
            .ToListAsync(cancellationToken);
        return new WebhookSettingsView(Preview(account.WebhookSecret), account.WebhooksEnabled, deliveries);
    }

    /// <summary>A new secret, shown in full this once; deliveries from now on are signed with it.</summary>
    public async Task<Result<string>> RotateSecretAsync(CancellationToken cancellationToken)
    {
        if (current.AccountId is not { } accountId)
        {
            return ErrorCatalog.Unauthorized.ToError();
        }

        var secret = WebhookSignature.NewSecret();
        await db.Users.Where(a => a.Id == accountId).ExecuteUpdateAsync(set => set.SetProperty(a => a.WebhookSecret, secret), cancellationToken);
        return secret;
    }

    /// <summary>Re-enables webhooks after an automatic disable; pending deliveries resume, and the failure streak starts over.</summary>
    public async Task<Result<WebhookSettingsView>> EnableAsync(CancellationToken cancellationToken)
    {
        if (current.AccountId is not { } accountId)
        {
            return ErrorCatalog.Unauthorized.ToError();
        }

        var now = clock.GetUtcNow();
        await db.Users.Where(a => a.Id == accountId && !a.WebhooksEnabled)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.WebhooksEnabled, true).SetProperty(a => a.WebhooksEnabledAt, now), cancellationToken);
        dispatcher.Wake();
        return await GetAsync(cancellationToken);
    }

    /// <summary><c>whsec_ab12…ef90</c>: enough to tell secrets apart, not enough to sign.</summary>
    public static string Preview(string secret) => secret.Length <= 14 ? "whsec_…" : secret[..10] + "…" + secret[^4..];
}

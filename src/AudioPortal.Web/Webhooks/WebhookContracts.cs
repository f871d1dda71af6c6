using AudioPortal.Core.Webhooks;

namespace AudioPortal.Web.Webhooks;

/// <summary>The JSON shapes of <c>/api/v1/webhooks</c> (API.md §4), mapped from the domain views.</summary>
public static class WebhookContracts
{
    public sealed record WebhookDeliveryDto(
        string Id, string Event, string JobId, string Url, string Status, int Attempts, int? ResponseStatus, string? ResponseBody,
        string? Error, DateTimeOffset CreatedAt, DateTimeOffset? LastAttemptAt, DateTimeOffset? NextRetryAt);

    /// <summary>The signing secret's preview, whether deliveries are on, and the latest deliveries.</summary>
    public sealed record WebhookSettingsDto(string SecretPreview, bool Enabled, IReadOnlyList<WebhookDeliveryDto> Deliveries);

    /// <summary>A new signing secret: the only answer that carries it in full.</summary>
    public sealed record WebhookSecretDto(string Secret, string SecretPreview);

    public static WebhookSettingsDto ToDto(this WebhookSettingsView view) => new(
        view.SecretPreview, view.Enabled,
        view.Deliveries.Select(d => new WebhookDeliveryDto(
            d.Id, d.Event, d.JobId, d.Url, d.Status, d.Attempts, d.ResponseStatus, d.ResponseBody, d.Error, d.CreatedAt, d.LastAttemptAt, d.NextRetryAt)).ToList());
}

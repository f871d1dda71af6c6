namespace AudioPortal.Core.Webhooks;

/// <summary>What the outbox needs of a job to address its events: whose it is, its id and where its events go.</summary>
public sealed record WebhookJob(string AccountId, string Id, string? WebhookUrl);

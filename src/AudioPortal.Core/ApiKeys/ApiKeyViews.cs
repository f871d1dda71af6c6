namespace AudioPortal.Core.ApiKeys;

/// <summary>A key as listed and shown: never the secret, only its preview.</summary>
public sealed record ApiKeyView(
    string Id,
    string Name,
    string KeyPreview,
    IReadOnlyList<string> Scopes,
    bool Test,
    DateTimeOffset? LastUsedAt,
    long UsageCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset? UpdatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RotatedAt);

/// <summary>A key just created or rotated: the only time the full <see cref="Key"/> is available.</summary>
public sealed record IssuedApiKey(ApiKeyView View, string Key);

/// <summary>What a caller asks for when creating a key; null or empty scopes mean all of them.</summary>
public sealed record CreateApiKey(string? Name, IReadOnlyList<string>? Scopes = null, DateTimeOffset? ExpiresAt = null, bool Test = false);

/// <summary>
/// A partial update: null fields are left alone, except <see cref="ExpiresAt"/>, which is applied when
/// <see cref="SetExpiresAt"/> is true (so <c>"expiresAt": null</c> removes the expiry).
/// </summary>
public sealed record UpdateApiKey(string? Name = null, IReadOnlyList<string>? Scopes = null, bool SetExpiresAt = false, DateTimeOffset? ExpiresAt = null);

/// <summary>Who an accepted key speaks for; the authentication handler turns this into claims.</summary>
public sealed record ApiKeyIdentity(string KeyId, string AccountId, string PlanId, IReadOnlySet<string> Scopes, bool IsTest);

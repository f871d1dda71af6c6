namespace AudioPortal.Core.Accounts;

/// <summary>The scoped holder behind <see cref="ICurrentAccount"/>; authentication fills it in.</summary>
public sealed class CurrentAccount : ICurrentAccount
{
    public string? AccountId { get; private set; }

    public IReadOnlySet<string> Scopes { get; private set; } = new HashSet<string>();

    public bool IsTestKey { get; private set; }

    public CredentialKind Credential { get; private set; }

    public string? ApiKeyId { get; private set; }

    /// <summary>Sets the account; without a credential kind this is a portal (or in-process) caller holding <paramref name="scopes"/>.</summary>
    public void Set(string accountId, IReadOnlySet<string> scopes, bool isTestKey = false, CredentialKind credential = CredentialKind.Portal, string? apiKeyId = null)
    {
        AccountId = accountId;
        Scopes = scopes;
        IsTestKey = isTestKey;
        Credential = credential;
        ApiKeyId = apiKeyId;
    }

    public void Clear()
    {
        AccountId = null;
        Scopes = new HashSet<string>();
        IsTestKey = false;
        Credential = CredentialKind.None;
        ApiKeyId = null;
    }
}

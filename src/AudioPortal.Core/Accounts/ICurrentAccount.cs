namespace AudioPortal.Core.Accounts;

/// <summary>How the caller proved who they are; some routes accept only some kinds (a JWT-only route refuses keys).</summary>
public enum CredentialKind
{
    None,
    ApiKey,
    Jwt,
    Portal,
}

/// <summary>
/// Who is asking, for the length of one request or portal circuit. Set by the host's authentication
/// (API key, JWT or portal cookie); read by the data layer's tenant filter and by services.
/// </summary>
public interface ICurrentAccount
{
    /// <summary>The signed-in account, or null for anonymous and system work.</summary>
    string? AccountId { get; }

    /// <summary>The scopes the credentials carry (<see cref="Scopes"/>); a JWT or portal session holds all.</summary>
    IReadOnlySet<string> Scopes { get; }

    /// <summary>True when the request came with an <c>as_test_…</c> key: jobs run but bill nothing.</summary>
    bool IsTestKey { get; }

    /// <summary>The kind of credentials used (none for anonymous and system work).</summary>
    CredentialKind Credential { get; }

    /// <summary>The <c>key_…</c> id when the request came with an API key.</summary>
    string? ApiKeyId { get; }
}

/// <summary>The scope names of the public API.</summary>
public static class Scopes
{
    public const string SplitsRead = "splits:read";
    public const string SplitsWrite = "splits:write";
    public const string KeysManage = "keys:manage";

    public static IReadOnlySet<string> All { get; } = new HashSet<string> { SplitsRead, SplitsWrite, KeysManage };

    /// <summary>The scopes in their canonical order (for stable output).</summary>
    public static IReadOnlyList<string> Ordered { get; } = [SplitsRead, SplitsWrite, KeysManage];
}

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

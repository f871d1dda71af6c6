namespace AudioPortal.Core.Accounts;

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

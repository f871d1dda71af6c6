namespace AudioPortal.Core.Accounts;

/// <summary>How the caller proved who they are; some routes accept only some kinds (a JWT-only route refuses keys).</summary>
public enum CredentialKind
{
    None,
    ApiKey,
    Jwt,
    Portal,
}

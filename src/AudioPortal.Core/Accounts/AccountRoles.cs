namespace AudioPortal.Core.Accounts;

/// <summary>The roles an account can hold (stored on <see cref="Account.Role"/>; set with <c>users set-role</c>).</summary>
public static class AccountRoles
{
    /// <summary>A customer: sees only its own data.</summary>
    public const string User = "user";

    /// <summary>An operator: also sees the operator console (<c>/admin</c>, <c>/api/v1/admin/*</c>).</summary>
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [User, Admin];
}

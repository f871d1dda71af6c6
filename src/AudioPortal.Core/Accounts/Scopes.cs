namespace AudioPortal.Core.Accounts;

/// <summary>The scope names of the public API.</summary>
public static class Scopes
{
    public const string SplitsRead = "splits:read";
    public const string SplitsWrite = "splits:write";
    public const string KeysManage = "keys:manage";

    /// <summary>
    /// The operator console (<c>/api/v1/admin/*</c>): held only by the JWT of an account whose role is
    /// <see cref="AccountRoles.Admin"/>, read from the account at each request. Never in <see cref="All"/>, so no API key can carry it.
    /// </summary>
    public const string Admin = "admin";

    public static IReadOnlySet<string> All { get; } = new HashSet<string> { SplitsRead, SplitsWrite, KeysManage };

    /// <summary>The scopes in their canonical order (for stable output).</summary>
    public static IReadOnlyList<string> Ordered { get; } = [SplitsRead, SplitsWrite, KeysManage];
}

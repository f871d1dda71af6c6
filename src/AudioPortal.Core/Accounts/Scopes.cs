namespace AudioPortal.Core.Accounts;

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

namespace AudioPortal.Architecture.Tests;

/// <summary>
/// The Core feature folders form layers, and a feature uses only the layers below it, so no two features depend on
/// each other (no cycles). From the bottom:
/// <list type="number">
/// <item>the shared kernel — the root namespace, Errors, Data, Telemetry (the service's meter) and the account aggregate (Accounts: the account, who
/// is calling, sign-up); it may be used by every feature and its parts may use each other (the DbContext is
/// Identity's, over <c>Account</c>);</item>
/// <item>Storage (blobs, signed links, the storage guard) and Mail (the customer mails and their outbox: features
/// below it would have nobody to tell), side by side;</item>
/// <item>Sources (downloads from URLs, into storage);</item>
/// <item>Billing (plans, usage, invoices, payment providers);</item>
/// <item>ApiKeys and Webhooks (side by side: neither uses the other);</item>
/// <item>Splits (the job pipeline: it meters usage, downloads sources, stores parts and sends webhooks);</item>
/// <item>account administration (Accounts' <c>AccountService</c> and its export, deletion and sweeper types): the
/// composition that signs accounts up on a plan and reaches every feature to export or erase one, and that no
/// feature uses; beside it Admin, the operator console's read models across accounts (queue, accounts, webhooks,
/// recent errors), which no feature uses either.</item>
/// </list>
/// A lower feature that needs a higher one's help owns an interface the higher one implements
/// (<c>IFailedJobCount</c>, <c>IStorageCap</c>) or takes a plain record (<c>WebhookJob</c>).
/// </summary>
public sealed class CoreFeatureLayersTests
{
    private const string AccountAdmin = "Accounts (administration: sign-up and plans, export, deletion, sweeper)";

    private static readonly Dictionary<string, int> Layers = new(StringComparer.Ordinal)
    {
        ["Kernel"] = 0, ["Errors"] = 0, ["Data"] = 0, ["Accounts"] = 0, ["Telemetry"] = 0,
        ["Storage"] = 1, ["Mail"] = 1,
        ["Sources"] = 2,
        ["Billing"] = 3,
        ["ApiKeys"] = 4, ["Webhooks"] = 4,
        ["Splits"] = 5,
        [AccountAdmin] = 6, ["Admin"] = 6,
    };

    /// <summary>
    /// Uses that still break the layers, each waiting for its seam; the list may only shrink (a fixed one must leave it).
    /// </summary>
    private static readonly HashSet<string> KnownViolations = new(StringComparer.Ordinal)
    {
        // The storage sweeper knows every owner of a blob to find orphans; each owner should report its blobs instead.
        "Storage.StorageOrphans -> Splits.SplitJob",
        "Storage.StorageOrphans -> Splits.Segment",
        "Storage.StorageOrphans -> Accounts.AccountExport",
        "Storage.StorageSweeper -> Splits.SplitJob",
        "Storage.StorageSweeper -> Splits.SplitsOptions",
    };

    [Fact]
    public void Every_core_namespace_is_placed_in_a_layer()
    {
        var unplaced = CoreTypes().Select(Feature).Distinct().Where(f => !Layers.ContainsKey(f)).ToList();

        Assert.True(unplaced.Count == 0, $"Place these feature folders in {nameof(Layers)}: {string.Join(", ", unplaced)}");
    }

    [Fact]
    public void A_core_feature_uses_only_the_features_below_it()
    {
        var violations = Violations().Where(v => !KnownViolations.Contains(v)).ToList();

        Assert.True(violations.Count == 0, "Upward or sideways uses between Core features:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void Every_known_violation_still_exists_so_a_fixed_one_leaves_the_list()
    {
        var stale = KnownViolations.Except(Violations()).ToList();

        Assert.True(stale.Count == 0, $"Remove from {nameof(KnownViolations)}: {string.Join(", ", stale)}");
    }

    private static IEnumerable<string> Violations() =>
        TypeDependencies.Within(typeof(AudioPortal.Core.Ids).Assembly)
            .Where(e => Feature(e.User) != Feature(e.Used) && Layers.ContainsKey(Feature(e.User)) && Layers.ContainsKey(Feature(e.Used)))
            .Where(e => !Allowed(Layers[Feature(e.User)], Layers[Feature(e.Used)]))
            .Select(e => $"{Short(e.User)} -> {Short(e.Used)}");

    /// <summary>Downwards always; within the kernel too.</summary>
    private static bool Allowed(int user, int used) => used < user || (user == 0 && used == 0);

    private static IEnumerable<string> CoreTypes() =>
        typeof(AudioPortal.Core.Ids).Assembly.GetTypes().Where(t => !t.IsNested && t.FullName!.StartsWith("AudioPortal.Core", StringComparison.Ordinal))
            .Select(t => t.FullName!);

    /// <summary><c>AudioPortal.Core.Billing.Stripe.StripeSync</c> → Billing; the root namespace → Kernel.</summary>
    private static string Feature(string fullName)
    {
        var parts = fullName.Split('.');
        if (parts.Length < 4)
        {
            return "Kernel";
        }

        var name = parts[^1];
        return parts[2] == "Accounts" && (name is "AccountService" || name.StartsWith("AccountExport", StringComparison.Ordinal)
            || name.StartsWith("AccountDeletion", StringComparison.Ordinal) || name.StartsWith("AccountSweeper", StringComparison.Ordinal))
            ? AccountAdmin
            : parts[2];
    }

    private static string Short(string fullName) => string.Join('.', fullName.Split('.')[2..]);
}

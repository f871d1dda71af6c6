using System.Reflection;
using AudioPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AudioPortal.Core.Accounts;

/// <summary>
/// What is left of an erased account that still has billing records: its id, plan, creation and deletion times, and
/// nothing personal. The e-mail address and user name are replaced by <c>erased-{id}</c> stand-ins (so the address can
/// sign up again), the password, phone and webhook secret are removed and the security stamp changed.
/// </summary>
public static class AccountAnonymiser
{
    /// <summary>The domain of the stand-in addresses (reserved: RFC 2606, never delivered).</summary>
    public const string StandInDomain = "erased.invalid";

    private static readonly MethodInfo AnyOwnedMethod = typeof(AccountAnonymiser).GetMethod(nameof(AnyOwnedAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static string StandInName(string accountId) => "erased-" + accountId;

    public static string StandInEmail(string accountId) => $"{StandInName(accountId)}@{StandInDomain}";

    public static async Task<bool> HasBillingRecordsAsync(AppDbContext db, IEnumerable<Type> billingTypes, string accountId, CancellationToken cancellationToken)
    {
        foreach (var type in billingTypes)
        {
            if (await (Task<bool>)AnyOwnedMethod.MakeGenericMethod(type).Invoke(null, [db, accountId, cancellationToken])!)
            {
                return true;
            }
        }

        return false;
    }

    public static Task<int> AnonymiseAsync(AppDbContext db, string accountId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var name = StandInName(accountId);
        var email = StandInEmail(accountId);
        return db.Users.Where(a => a.Id == accountId).ExecuteUpdateAsync(set => set
            .SetProperty(a => a.UserName, name).SetProperty(a => a.NormalizedUserName, name.ToUpperInvariant())
            .SetProperty(a => a.Email, email).SetProperty(a => a.NormalizedEmail, email.ToUpperInvariant()).SetProperty(a => a.EmailConfirmed, false)
            .SetProperty(a => a.PasswordHash, (string?)null)
            .SetProperty(a => a.PhoneNumber, (string?)null).SetProperty(a => a.PhoneNumberConfirmed, false).SetProperty(a => a.TwoFactorEnabled, false)
            .SetProperty(a => a.SecurityStamp, Guid.NewGuid().ToString()).SetProperty(a => a.ConcurrencyStamp, Guid.NewGuid().ToString())
            .SetProperty(a => a.WebhookSecret, "").SetProperty(a => a.WebhooksEnabled, false)
            .SetProperty(a => a.ErasedAt, now), cancellationToken);
    }

    private static Task<bool> AnyOwnedAsync<T>(AppDbContext db, string accountId, CancellationToken cancellationToken)
        where T : class, IAccountOwned =>
        db.Set<T>().IgnoreQueryFilters().AnyAsync(e => e.AccountId == accountId, cancellationToken);
}

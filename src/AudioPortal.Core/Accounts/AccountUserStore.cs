using AudioPortal.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AudioPortal.Core.Accounts;

/// <summary>
/// Identity's EF store with one addition: whenever an account's security stamp changes — a password reset or
/// change, signing out everywhere, deletion, or any other <see cref="UserManager{TUser}.UpdateSecurityStampAsync"/>
/// — every refresh token of the account is revoked as the change is saved. Identity changes the stamp only through
/// <see cref="SetSecurityStampAsync"/> followed by <see cref="UpdateAsync"/>, so no path is missed.
/// (Refresh also compares the stamp each token was issued under, for changes made behind Identity's back.)
/// </summary>
public sealed class AccountUserStore(AppDbContext context, TimeProvider clock, IdentityErrorDescriber? describer = null)
    : UserOnlyStore<Account, AppDbContext, string>(context, describer)
{
    private readonly HashSet<string> _stampChanged = new(StringComparer.Ordinal);

    public override async Task SetSecurityStampAsync(Account user, string stamp, CancellationToken cancellationToken = default)
    {
        if (!string.Equals(user.SecurityStamp, stamp, StringComparison.Ordinal))
        {
            _stampChanged.Add(user.Id);
        }

        await base.SetSecurityStampAsync(user, stamp, cancellationToken);
    }

    public override async Task<IdentityResult> UpdateAsync(Account user, CancellationToken cancellationToken = default)
    {
        var result = await base.UpdateAsync(user, cancellationToken);
        if (result.Succeeded && _stampChanged.Remove(user.Id))
        {
            await Context.Set<RefreshToken>().IgnoreQueryFilters()
                .Where(t => t.AccountId == user.Id && t.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, clock.GetUtcNow()), cancellationToken);
        }

        return result;
    }

    public override Task<IdentityResult> CreateAsync(Account user, CancellationToken cancellationToken = default)
    {
        _stampChanged.Remove(user.Id); // a new account has no tokens to end
        return base.CreateAsync(user, cancellationToken);
    }
}

public static class AccountUserStoreRegistration
{
    /// <summary>Identity's EF stores over <see cref="AppDbContext"/>, with <see cref="AccountUserStore"/> as the user store.</summary>
    public static IdentityBuilder AddAccountStores(this IdentityBuilder builder)
    {
        builder.AddEntityFrameworkStores<AppDbContext>();
        builder.Services.Replace(ServiceDescriptor.Scoped<IUserStore<Account>, AccountUserStore>());
        return builder;
    }
}

using AudioPortal.Core.Accounts;
using AudioPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AudioPortal.Core.Admin;

/// <summary>
/// Whether an account may use the operator console, read from the account at each check (not from a cookie or token
/// minted earlier), so taking the role away or disabling the account closes the console at once.
/// </summary>
public sealed class AdminAccess(AppDbContext db)
{
    public Task<bool> IsAdminAsync(string? accountId, CancellationToken cancellationToken = default) =>
        accountId is null
            ? Task.FromResult(false)
            : db.Users.AnyAsync(a => a.Id == accountId && a.Role == AccountRoles.Admin && a.DeletedAt == null && a.DisabledAt == null, cancellationToken);
}

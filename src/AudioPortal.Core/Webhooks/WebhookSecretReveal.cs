using AudioPortal.Core.Accounts;
using AudioPortal.Core.Data;
using AudioPortal.Core.Errors;
using Microsoft.EntityFrameworkCore;

namespace AudioPortal.Core.Webhooks;

/// <summary>
/// The current account's full webhook secret, for the portal's "reveal" button (a signed-in user may see their
/// own signing secret; the API only ever shows a preview).
/// </summary>
public sealed class WebhookSecretReveal(AppDbContext db, ICurrentAccount current)
{
    public async Task<Result<string>> RevealAsync(CancellationToken cancellationToken)
    {
        if (current.AccountId is not { } accountId)
        {
            return ErrorCatalog.Unauthorized.ToError();
        }

        var secret = await db.Users.AsNoTracking().Where(a => a.Id == accountId).Select(a => a.WebhookSecret).FirstOrDefaultAsync(cancellationToken);
        return secret is null ? ErrorCatalog.Unauthorized.ToError() : secret;
    }
}

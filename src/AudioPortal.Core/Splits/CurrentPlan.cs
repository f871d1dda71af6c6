using AudioPortal.Core.Accounts;
using AudioPortal.Core.Billing;
using AudioPortal.Core.Data;
using AudioPortal.Core.Errors;
using Microsoft.EntityFrameworkCore;

namespace AudioPortal.Core.Splits;

/// <summary>The plan of the current account (UNAUTHORIZED when nobody, or an account that no longer exists, is signed in).</summary>
public sealed class CurrentPlan(AppDbContext db, ICurrentAccount current, PlanCatalog plans)
{
    public async Task<Result<Plan>> GetAsync(CancellationToken cancellationToken)
    {
        if (current.AccountId is not { } accountId)
        {
            return ErrorCatalog.Unauthorized.ToError();
        }

        var planId = await db.Users.AsNoTracking().Where(a => a.Id == accountId).Select(a => a.PlanId).FirstOrDefaultAsync(cancellationToken);
        return planId is null ? ErrorCatalog.Unauthorized.ToError() : plans.For(planId);
    }
}

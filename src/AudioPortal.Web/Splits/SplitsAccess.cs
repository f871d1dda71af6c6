using AudioPortal.Core.Accounts;
using AudioPortal.Core.Errors;

namespace AudioPortal.Web.Splits;

/// <summary>
/// Scope checks of the split routes against the current account (filled in by authentication):
/// none → 401 UNAUTHORIZED, scope missing → 403 INSUFFICIENT_SCOPE with <c>details.requiredScope</c>.
/// </summary>
internal static class SplitsAccess
{
    public static AppError? Require(ICurrentAccount current, string scope)
    {
        if (current.AccountId is null)
        {
            return ErrorCatalog.Unauthorized.ToError();
        }

        return current.Scopes.Contains(scope)
            ? null
            : ErrorCatalog.InsufficientScope.WithDetails(new Dictionary<string, object?> { ["requiredScope"] = scope });
    }
}

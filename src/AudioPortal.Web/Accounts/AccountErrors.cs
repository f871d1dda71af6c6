using AudioPortal.Core.Errors;

namespace AudioPortal.Web.Accounts;

/// <summary>Turns a catalog error into the lines a sign-in page shows (one per invalid field).</summary>
public static class AccountErrors
{
    public static List<string> Messages(AppError error) =>
        error.Details?.GetValueOrDefault("fields") is IEnumerable<FieldError> fields
            ? fields.Select(f => f.Message).ToList()
            : [error.Message];
}

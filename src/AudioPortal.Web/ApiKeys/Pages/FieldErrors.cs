using AudioPortal.Core.Errors;

namespace AudioPortal.Web.ApiKeys.Pages;

/// <summary>The per-field messages of a 422 INVALID_PARAMS (<c>details.fields</c>), for showing beside the inputs.</summary>
public static class FieldErrors
{
    public static IReadOnlyDictionary<string, string> Of(AppError? error) =>
        error?.Details is { } details && details.TryGetValue("fields", out var fields) && fields is IEnumerable<FieldError> list
            ? list.GroupBy(f => f.Field).ToDictionary(g => g.Key, g => g.First().Message)
            : new Dictionary<string, string>();
}

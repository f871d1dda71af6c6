using AudioPortal.Web.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.RateLimiting;

namespace AudioPortal.Web.Api;

/// <summary>
/// The failures every API action shares, added to each action's metadata so the document lists them with the
/// envelope: 500, 429 (the rate limiter covers <c>/api</c> unless an action opts out), 400 when a body or query is read, and 401/403
/// unless the action is anonymous. Answers particular to an action are declared on it with <see cref="ErrorResponseAttribute"/>.
/// </summary>
public sealed class CommonErrorResponses : IActionModelConvention
{
    public void Apply(ActionModel action)
    {
        var anonymous = action.Attributes.OfType<IAllowAnonymous>().Any() || action.Controller.Attributes.OfType<IAllowAnonymous>().Any();
        var readsInput = action.Parameters.Any(p => p.BindingInfo?.BindingSource is { } source &&
            (source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Body || source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Query));
        var limited = !action.Attributes.OfType<DisableRateLimitingAttribute>().Any() && !action.Controller.Attributes.OfType<DisableRateLimitingAttribute>().Any();
        var statuses = new List<int> { StatusCodes.Status500InternalServerError };
        if (limited)
        {
            statuses.Add(StatusCodes.Status429TooManyRequests);
        }

        if (readsInput || action.Attributes.OfType<Microsoft.AspNetCore.Mvc.ConsumesAttribute>().Any())
        {
            statuses.Add(StatusCodes.Status400BadRequest);
        }

        if (!anonymous)
        {
            statuses.AddRange([StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden]);
        }

        foreach (var status in statuses)
        {
            action.Filters.Add(new ErrorResponseAttribute(status));
        }
    }
}

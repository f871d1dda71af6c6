using System.Security.Claims;
using AudioPortal.Core.Admin;
using AudioPortal.Core.Errors;
using Microsoft.AspNetCore.Diagnostics;

namespace AudioPortal.Web.Admin;

/// <summary>Feeds <see cref="RecentErrors"/> from <see cref="Errors.ErrorEnvelope"/>, the one place an API error becomes HTTP.</summary>
internal static class AdminErrorLog
{
    public static void Record(HttpContext context, AppError error)
    {
        if (context.RequestServices.GetService<RecentErrors>() is not { } errors)
        {
            return;
        }

        // After an exception the request's path is the error page's; the feature keeps the one that failed.
        var path = context.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? context.Request.Path.Value ?? "";
        var clock = context.RequestServices.GetRequiredService<TimeProvider>();
        errors.Record(new RecentError(clock.GetUtcNow(), context.TraceIdentifier, error.Status, error.Code, context.Request.Method, path,
            context.User.FindFirstValue(ClaimTypes.NameIdentifier)));
    }
}

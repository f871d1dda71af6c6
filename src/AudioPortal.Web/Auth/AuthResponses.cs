using AudioPortal.Core.Errors;
using AudioPortal.Web.Errors;
using Microsoft.AspNetCore.Authentication;

namespace AudioPortal.Web.Auth;

/// <summary>How API authentication and authorization failures are answered: the catalog envelope, never a redirect.</summary>
public static class AuthResponses
{
    /// <summary>The error of a failed authentication on this request, if credentials were presented and refused.</summary>
    public static AppError? FailureOf(HttpContext context) => context.Items[FailureKey] as AppError;

    /// <summary>
    /// Remembers why credentials were refused. The authentication middleware keeps only successes, so this asks
    /// the scheme again (handlers cache their result per request: no second lookup).
    /// </summary>
    internal static async Task CaptureFailureAsync(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated == true)
        {
            return;
        }

        var result = await context.AuthenticateAsync();
        if (result.Failure is AuthFailureException failure)
        {
            context.Items[FailureKey] = failure.Error;
        }
    }

    private static readonly object FailureKey = new();

    /// <summary>401: the specific refusal (KEY_REVOKED, TOKEN_EXPIRED, …) or UNAUTHORIZED when no credentials came.</summary>
    public static Task ChallengeAsync(HttpContext context) =>
        ErrorEnvelope.WriteAsync(context, FailureOf(context) ?? ErrorCatalog.Unauthorized.WithMessage($"Send an API key in {AuthSchemes.ApiKeyHeader} or a token in Authorization: Bearer."));

    /// <summary>403 INSUFFICIENT_SCOPE, naming the scope that was missing when there is one.</summary>
    public static Task ForbidAsync(HttpContext context, string? requiredScope, string? message = null)
    {
        var error = requiredScope is null
            ? ErrorCatalog.InsufficientScope.WithMessage(message ?? ErrorCatalog.InsufficientScope.Message)
            : ErrorCatalog.InsufficientScope.WithDetails(new Dictionary<string, object?> { ["requiredScope"] = requiredScope },
                message ?? $"These credentials lack the '{requiredScope}' scope.");
        return ErrorEnvelope.WriteAsync(context, error);
    }
}

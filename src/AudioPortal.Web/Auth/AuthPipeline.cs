using AudioPortal.Core.Accounts;
using AudioPortal.Web.Errors;
using Microsoft.AspNetCore.Authorization;

namespace AudioPortal.Web.Auth;

/// <summary>
/// The middleware between authentication and the endpoints: fills the scoped <see cref="CurrentAccount"/> from
/// the authenticated principal (key, JWT or cookie) so the tenant filter and services see the caller, and
/// answers refused credentials on API routes at once with their specific error (KEY_REVOKED, TOKEN_EXPIRED, …),
/// whether or not the endpoint declares its own authorization. Routes marked <c>[AllowAnonymous]</c>
/// (token endpoint, signed downloads, Stripe) ignore credentials they do not need.
/// </summary>
public static class AuthPipeline
{
    public static WebApplication UseCurrentAccount(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            AuthClaims.Apply(context.User, context.RequestServices.GetRequiredService<CurrentAccount>());
            await AuthResponses.CaptureFailureAsync(context);
            await next(context);
        });
        return app;
    }

    /// <summary>
    /// The Blazor hub (<c>/_blazor</c>) refuses a connection that brings an API key or bearer token: circuits are the
    /// portal's and run as the cookie's user only. (The scheme selector already ignores such credentials off the API;
    /// refusing outright makes a misdirected client fail loudly instead of getting a signed-out circuit.)
    /// </summary>
    public static WebApplication UseCookieOnlyBlazorHub(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            var request = context.Request;
            if (request.Path.StartsWithSegments("/_blazor") &&
                (request.Headers.ContainsKey(AuthSchemes.ApiKeyHeader) || request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)))
            {
                return Errors.ErrorEnvelope.WriteAsync(context, Core.Errors.ErrorCatalog.Unauthorized.WithMessage(
                    "The portal's live connection accepts the sign-in cookie only; API keys and tokens are for /api."));
            }

            return next(context);
        });
        return app;
    }

    public static WebApplication UseRefusedCredentials(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            if (ApiErrorWiring.IsApiRequest(context) && AuthResponses.FailureOf(context) is { } error &&
                context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is null &&
                context.GetEndpoint()?.Metadata.GetMetadata<Admin.AdminOnlyAttribute>() is null) // the console's 404 comes from authorization
            {
                return Errors.ErrorEnvelope.WriteAsync(context, error);
            }

            return next(context);
        });
        return app;
    }
}

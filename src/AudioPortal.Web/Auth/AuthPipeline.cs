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

    public static WebApplication UseRefusedCredentials(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            if (ApiErrorWiring.IsApiRequest(context) && AuthResponses.FailureOf(context) is { } error &&
                context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is null)
            {
                return Errors.ErrorEnvelope.WriteAsync(context, error);
            }

            return next(context);
        });
        return app;
    }
}

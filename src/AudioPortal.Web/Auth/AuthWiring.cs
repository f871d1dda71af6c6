using AudioPortal.Core.ApiKeys;
using AudioPortal.Web.Errors;
using AudioPortal.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace AudioPortal.Web.Auth;

/// <summary>API authentication (X-API-Key, Bearer JWT), scope policies, rate limits and the JWKS endpoint.</summary>
public static class AuthWiring
{
    /// <summary>Registers the schemes on an authentication builder that already has Identity's cookies.</summary>
    public static WebApplicationBuilder AddApiAuth(this WebApplicationBuilder builder, AuthenticationBuilder authentication)
    {
        builder.Services.AddSectionOptions<JwtOptions>("Auth:Jwt");
        builder.Services.AddSingleton<JwtSigningKey>();
        builder.Services.AddSingleton<JwtIssuer>();
        builder.Services.AddSingleton<ApiKeyUsage>();
        builder.Services.AddSectionOptions<ApiKeyCacheOptions>("ApiKeys");
        builder.Services.AddSingleton<ApiKeyCache>();
        builder.Services.AddSingleton<ApiKeyCacheInvalidator>(); // added to every DbContext by DataWiring
        builder.Services.AddScoped<ApiKeyDirectory>();
        builder.Services.AddScoped<ApiKeyService>();
        builder.Services.AddHostedService<ApiKeyUsageFlusher>();

        authentication
            .AddPolicyScheme(AuthSchemes.Default, "API key, JWT or portal cookie", o => o.ForwardDefaultSelector = SelectScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(AuthSchemes.ApiKey, null)
            .AddScheme<AuthenticationSchemeOptions, JwtAuthenticationHandler>(AuthSchemes.Jwt, null);

        builder.Services.AddSingleton<IAuthorizationHandler, ScopeHandler>();
        builder.Services.AddSingleton<IAuthorizationHandler, JwtOnlyHandler>();
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ApiAuthorizationResultHandler>();
        builder.AddApiRateLimiting();
        return builder;
    }

    /// <summary>
    /// API routes: a key header → the key scheme; a bearer token → the JWT scheme; nothing → anonymous (the portal
    /// cookie never authenticates the JSON API, so a browser session cannot be ridden by a cross-site request).
    /// Everything else — portal pages, <c>/_blazor</c>, <c>/portal/*</c>, the account forms — is the Identity cookie
    /// alone: a key or token there counts for nothing, so it can never open the portal (and mint keys) by itself.
    /// </summary>
    private static string SelectScheme(HttpContext context)
    {
        if (!ApiErrorWiring.IsApiRequest(context))
        {
            return IdentityConstants.ApplicationScheme;
        }

        return context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && !context.Request.Headers.ContainsKey(AuthSchemes.ApiKeyHeader)
            ? AuthSchemes.Jwt
            : AuthSchemes.ApiKey;
    }

    public static WebApplication MapApiAuth(this WebApplication app)
    {
        app.MapGet("/.well-known/jwks.json", (JwtSigningKey key) => Results.Json(key.Jwks)).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}

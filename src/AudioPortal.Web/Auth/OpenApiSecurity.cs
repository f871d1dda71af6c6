using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AudioPortal.Web.Auth;

/// <summary>
/// Declares the API's credentials in the OpenAPI document, so generated clients and the /api-docs page know how
/// to authenticate: an API key in <c>X-API-Key</c> or a JWT as <c>Authorization: Bearer</c>. Each operation lists
/// what it accepts, read from the same attributes the authorization pipeline enforces: none for
/// <c>[AllowAnonymous]</c>, the JWT only for <c>[JwtOnly]</c>, and either for <c>[RequireScope]</c>, whose scopes the
/// operation's description names.
/// </summary>
public static class OpenApiSecurity
{
    public const string ApiKeyScheme = "apiKey";
    public const string BearerScheme = "bearer";

    public static OpenApiOptions AddApiSecurity(this OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = AuthSchemes.ApiKeyHeader,
                Description = "An API key (as_live_… or as_test_…) from the portal's API keys page; it carries scopes.",
            };
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "An access token from POST /api/v1/auth/token (1 hour); it acts with every scope.",
            };
            return Task.CompletedTask;
        });

        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<IAllowAnonymous>().Any())
            {
                operation.Description = $"{operation.Summary}. Needs no credentials.";
                return Task.CompletedTask;
            }

            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] }];
            if (metadata.OfType<Admin.AdminOnlyAttribute>().Any())
            {
                operation.Description = $"{operation.Summary}. Needs an admin's JWT (scope {Core.Accounts.Scopes.Admin}); anyone else gets 404.";
                return Task.CompletedTask;
            }

            if (metadata.OfType<JwtOnlyAttribute>().Any())
            {
                operation.Description = $"{operation.Summary}. Needs a JWT (an API key is refused).";
                return Task.CompletedTask;
            }

            // OpenAPI gives scopes to OAuth schemes only, so an API key's required scopes are named in the text.
            var scopes = metadata.OfType<RequireScopeAttribute>().Select(a => a.Scope).Distinct().ToList();
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, context.Document)] = [] });
            operation.Description = $"{operation.Summary}. Needs a JWT, or an API key with the scope{(scopes.Count == 1 ? "" : "s")} {string.Join(", ", scopes)}.";
            return Task.CompletedTask;
        });
        return options;
    }
}

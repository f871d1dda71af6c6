using System.Security.Claims;
using AudioPortal.Core.Accounts;
using AudioPortal.Web.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace AudioPortal.Web.Auth;

/// <summary>
/// Put on a controller or action: the caller must be authenticated and hold <paramref name="scope"/>
/// (a JWT or portal session holds every scope). Missing credentials → 401; missing scope → 403
/// INSUFFICIENT_SCOPE with <c>details.requiredScope</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true)]
public sealed class RequireScopeAttribute(string scope) : AuthorizeAttribute, IAuthorizationRequirementData
{
    public string Scope { get; } = scope;

    public IEnumerable<IAuthorizationRequirement> GetRequirements() => [new ScopeRequirement(Scope)];
}

/// <summary>Put on a controller or action that accepts a JWT only (billing, account, webhooks): an API key gets 403.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class JwtOnlyAttribute : AuthorizeAttribute, IAuthorizationRequirementData
{
    public IEnumerable<IAuthorizationRequirement> GetRequirements() => [new JwtOnlyRequirement()];
}

public sealed record ScopeRequirement(string Scope) : IAuthorizationRequirement;

public sealed record JwtOnlyRequirement : IAuthorizationRequirement;

internal sealed class ScopeHandler : AuthorizationHandler<ScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated == true &&
            (!IsApiKey(context.User) || context.User.HasClaim(AuthClaims.Scope, requirement.Scope)))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    internal static bool IsApiKey(ClaimsPrincipal user) => user.FindFirstValue(AuthClaims.Credential) == nameof(CredentialKind.ApiKey);
}

internal sealed class JwtOnlyHandler : AuthorizationHandler<JwtOnlyRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, JwtOnlyRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated == true && !ScopeHandler.IsApiKey(context.User))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

/// <summary>On API paths, authorization failures are envelopes (401/403); portal pages keep the cookie's redirects; the operator console is a 404.</summary>
internal sealed class ApiAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!authorizeResult.Succeeded && policy.Requirements.OfType<Admin.AdminRequirement>().Any())
        {
            // The operator console answers anyone but an admin as if it did not exist (the status pages write the 404).
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        if (!ApiErrorWiring.IsApiRequest(context) || authorizeResult.Succeeded)
        {
            return _default.HandleAsync(next, context, policy, authorizeResult);
        }

        if (authorizeResult.Challenged || context.User.Identity?.IsAuthenticated != true)
        {
            return AuthResponses.ChallengeAsync(context);
        }

        var failed = authorizeResult.AuthorizationFailure?.FailedRequirements.ToList() ?? [];
        if (failed.OfType<ScopeRequirement>().FirstOrDefault() is { } scope)
        {
            return AuthResponses.ForbidAsync(context, scope.Scope);
        }

        return failed.OfType<JwtOnlyRequirement>().Any()
            ? AuthResponses.ForbidAsync(context, null, "This route accepts a JWT only (Authorization: Bearer); API keys cannot use it.")
            : AuthResponses.ForbidAsync(context, null);
    }
}

using System.Security.Claims;
using AudioPortal.Core.Accounts;
using AudioPortal.Core.Admin;
using AudioPortal.Web.Auth;
using AudioPortal.Web.Errors;
using Microsoft.AspNetCore.Authorization;

namespace AudioPortal.Web.Admin;

/// <summary>
/// Put on the operator console's controller and pages. On <c>/api</c> the caller must bring an admin's JWT (it carries
/// <see cref="Scopes.Admin"/>, given at each request from the account's role); on portal pages, an admin's sign-in cookie.
/// Anyone else — no credentials, an API key (even an admin's), a customer's token or cookie, refused credentials — gets
/// the 404 of a route that does not exist, so the console is not even visible (see <see cref="ApiAuthorizationResultHandler"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class AdminOnlyAttribute : AuthorizeAttribute, IAuthorizationRequirementData
{
    public IEnumerable<IAuthorizationRequirement> GetRequirements() => [new AdminRequirement()];
}

public sealed record AdminRequirement : IAuthorizationRequirement;

internal sealed class AdminHandler : AuthorizationHandler<AdminRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, AdminRequirement requirement)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true || context.Resource is not HttpContext http)
        {
            return;
        }

        // Off /api the only scheme is the portal cookie (AuthWiring's selector), so there the account's role decides.
        var allowed = ApiErrorWiring.IsApiRequest(http)
            ? user.FindFirstValue(AuthClaims.Credential) == nameof(CredentialKind.Jwt) && user.HasClaim(AuthClaims.Scope, Scopes.Admin)
            : await http.RequestServices.GetRequiredService<AdminAccess>()
                .IsAdminAsync(user.FindFirstValue(ClaimTypes.NameIdentifier), http.RequestAborted);
        if (allowed)
        {
            context.Succeed(requirement);
        }
    }
}

using AudioPortal.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace AudioPortal.Web.Accounts;

/// <summary>The portal's plain endpoints around Identity: sign-out is a form POST (antiforgery-checked), never a link.</summary>
public static class IdentityEndpoints
{
    public static WebApplication MapIdentityEndpoints(this WebApplication app)
    {
        app.MapPost("/Account/Logout", async ([FromServices] SignInManager<Account> signIn, [FromForm] string? returnUrl) =>
        {
            await signIn.SignOutAsync();
            var target = string.IsNullOrEmpty(returnUrl) || !returnUrl.StartsWith('/') || returnUrl.StartsWith("//", StringComparison.Ordinal) || returnUrl.StartsWith("/\\", StringComparison.Ordinal)
                ? "/"
                : returnUrl;
            return TypedResults.LocalRedirect("~" + target);
        }).ExcludeFromDescription();
        return app;
    }
}

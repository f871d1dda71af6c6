using AudioPortal.Core.Accounts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace AudioPortal.Web.Accounts;

/// <summary>
/// The portal's plain endpoints around Identity: signing out is a form POST (antiforgery-checked), never a link.
/// The token is checked here rather than by form binding, whose failure is an exception (a 500): a missing or
/// stale token is the visitor's problem and answers 400.
/// </summary>
public static class IdentityEndpoints
{
    public static WebApplication MapIdentityEndpoints(this WebApplication app)
    {
        app.MapPost("/Account/Logout", async Task<IResult> (HttpContext http, IAntiforgery antiforgery, SignInManager<Account> signIn) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return StaleForm();
            }

            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("~" + LocalTarget(http.Request.Form["ReturnUrl"].ToString()));
        }).ExcludeFromDescription();

        // Ends every session of the account: a new security stamp invalidates other browsers' cookies (at their next
        // validation), access tokens and — through AccountUserStore — every refresh token.
        app.MapPost("/Account/LogoutEverywhere", async Task<IResult> (HttpContext http, IAntiforgery antiforgery, SignInManager<Account> signIn) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return StaleForm();
            }

            if (await signIn.UserManager.GetUserAsync(http.User) is { } user)
            {
                await signIn.UserManager.UpdateSecurityStampAsync(user);
            }

            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("~/Account/Login");
        }).ExcludeFromDescription();
        return app;
    }

    private static IResult StaleForm() =>
        TypedResults.Text("The form's security token is missing or stale: go back, reload the page and try again.", contentType: "text/plain", statusCode: StatusCodes.Status400BadRequest);

    /// <summary>Only a local path: a return URL must never send the user to another site.</summary>
    private static string LocalTarget(string? returnUrl) =>
        string.IsNullOrEmpty(returnUrl) || !returnUrl.StartsWith('/') || returnUrl.StartsWith("//", StringComparison.Ordinal) || returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? "/"
            : returnUrl;
}

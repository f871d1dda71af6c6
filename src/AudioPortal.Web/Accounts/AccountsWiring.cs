using AudioPortal.Core.Accounts;
using AudioPortal.Core.Data;
using AudioPortal.Web.Auth;
using AudioPortal.Web.Hosting;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AudioPortal.Web.Accounts;

/// <summary>Identity (portal accounts and cookies), API authentication, scopes, rate limits and the current-account seam.</summary>
public static class AccountsWiring
{
    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CurrentAccount>();
        builder.Services.AddScoped<ICurrentAccount>(sp => sp.GetRequiredService<CurrentAccount>());

        var authentication = builder.Services.AddAuthentication(o =>
        {
            o.DefaultScheme = AuthSchemes.Default;
            o.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
        });
        authentication.AddIdentityCookies();
        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/Login";
            o.Cookie.Name = ".AudioPortal.Session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.ExpireTimeSpan = TimeSpan.FromDays(14);
            o.SlidingExpiration = true;
        });

        // Another browser's cookie is re-checked against the security stamp every minute (Identity's default is 30),
        // so signing out everywhere, a new password or a deletion ends it promptly.
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        builder.Services.AddIdentityCore<Account>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
                o.Password.RequiredLength = 8;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
            })
            .AddAccountStores()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        // The portal: authentication state for components, the circuit's current account (mail: see MailWiring).
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<IdentityRedirectManager>();
        builder.Services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        builder.Services.AddScoped<CircuitHandler, CircuitAccountHandler>();
        builder.Services.AddSingleton<PublicLinks>();

        builder.Services.AddScoped<AccountService>();
        builder.Services.AddScoped<RefreshTokenService>();
        builder.Services.AddAccountData();
        builder.Services.AddAuthorization();
        builder.AddApiAuth(authentication);
        return builder;
    }

    /// <summary>Authentication, the current account, rate limits and authorization, between error handling and the endpoints.</summary>
    public static WebApplication UseAccounts(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseCookieOnlyBlazorHub();
        app.UseCurrentAccount();
        app.UseApiRateLimiting();
        app.UseRefusedCredentials();
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapAccounts(this WebApplication app)
    {
        app.MapApiAuth();
        app.MapIdentityEndpoints();
        WarnWithoutPublicAddress(app);
        return app;
    }

    /// <summary>
    /// Mail links need a trusted address. Outside Development, with neither <c>PublicBaseUrl</c> nor a named
    /// <c>AllowedHosts</c>, reset mails carry a bare path (never the request's Host), so the operator is told at start.
    /// </summary>
    private static void WarnWithoutPublicAddress(WebApplication app)
    {
        if (!app.Environment.IsDevelopment() && !app.Services.GetRequiredService<PublicLinks>().HasConfiguredAddress)
        {
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PublicLinks)).LogWarning(
                "Neither PublicBaseUrl nor AllowedHosts is set: password-reset mails will carry a path without a host. " +
                "Set PublicBaseUrl (e.g. https://audio.example.com) or AllowedHosts to this server's host names.");
        }
    }
}

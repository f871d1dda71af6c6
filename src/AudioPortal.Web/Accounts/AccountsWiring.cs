using AudioPortal.Core.Accounts;

namespace AudioPortal.Web.Accounts;

/// <summary>Identity, authentication and the current-account seam.</summary>
public static class AccountsWiring
{
    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CurrentAccount>();
        builder.Services.AddScoped<ICurrentAccount>(sp => sp.GetRequiredService<CurrentAccount>());
        return builder;
    }

    /// <summary>Authentication and authorization middleware, between error handling and the endpoints.</summary>
    public static WebApplication UseAccounts(this WebApplication app)
    {
        return app;
    }

    public static WebApplication MapAccounts(this WebApplication app)
    {
        return app;
    }
}

using AudioPortal.Core.Admin;
using AudioPortal.Web.Hosting;
using Microsoft.AspNetCore.Authorization;

namespace AudioPortal.Web.Admin;

/// <summary>The operator console: its read models, the ring of recent errors and the admin-only authorization.</summary>
public static class AdminWiring
{
    public static WebApplicationBuilder AddAdmin(this WebApplicationBuilder builder)
    {
        builder.Services.AddSectionOptions<AdminOptions>("Admin");
        builder.Services.AddSingleton<RecentErrors>();
        builder.Services.AddSingleton<IAuthorizationHandler, AdminHandler>();
        builder.Services.AddScoped<AdminAccess>();
        builder.Services.AddScoped<AdminQueueView>();
        builder.Services.AddScoped<AdminAccounts>();
        return builder;
    }
}

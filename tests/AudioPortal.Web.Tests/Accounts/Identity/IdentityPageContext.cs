using AudioPortal.Core.Accounts;
using AudioPortal.Core.Billing;
using AudioPortal.Core.Data;
using AudioPortal.Core.Mail;
using AudioPortal.Web.Accounts;
using AudioPortal.Web.Hosting;
using AudioPortal.Web.Mail;
using Bunit;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using MudBlazor.Services;

namespace AudioPortal.Web.Tests.Accounts.Identity;

/// <summary>
/// bUnit with the real Identity stack behind the sign-in pages: UserManager and SignInManager over a temp SQLite
/// file, the real AccountService and plans, and an HttpContext whose sign-in writes a cookie header we can read.
/// </summary>
public abstract class IdentityPageContext : BunitContext
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "audioportal-identity-" + Guid.NewGuid().ToString("N"));

    protected IdentityPageContext()
    {
        Directory.CreateDirectory(_folder);
        JSInterop.Mode = JSRuntimeMode.Loose;
        var connection = $"Data Source={Path.Combine(_folder, "identity.db")}";
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(AudioPortal.Cli.AppConfiguration.FindRoot(), "appsettings.json")).Build();

        Services.AddLogging();
        Services.AddMudServices();
        Services.AddSingleton(TimeProvider.System);
        Services.AddScoped<CurrentAccount>();
        Services.AddScoped<ICurrentAccount>(sp => sp.GetRequiredService<CurrentAccount>());
        Services.AddAppDbContext((_, o) => o.UseSqlite(connection));
        Services.Configure<PlanOptions>(o => configuration.GetSection("Plans").Bind(o.Plans));
        Services.AddSingleton<PlanCatalog>();
        Services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        Services.AddIdentityCore<Account>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 8;
                o.Lockout.MaxFailedAccessAttempts = 2;
            })
            .AddAccountStores()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        Services.AddScoped<AccountService>();
        Services.AddScoped<IdentityRedirectManager>();

        // Registration mails a confirmation link: the real mail stack, whose transport here only logs.
        Services.AddSingleton<IConfiguration>(configuration);
        Services.AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = "Testing" });
        Services.AddSingleton<PublicLinks>();
        Services.AddCustomerMail();
        Services.AddSingleton<IEmailSender<Account>, IdentityMailSender>();
        Services.AddSingleton<IHttpContextAccessor>(sp => new HttpContextAccessor { HttpContext = new DefaultHttpContext { RequestServices = sp.CreateScope().ServiceProvider } });
    }

    /// <summary>The Set-Cookie headers the page's sign-in wrote.</summary>
    protected string SetCookies => Services.GetRequiredService<IHttpContextAccessor>().HttpContext!.Response.Headers.SetCookie.ToString();

    protected async Task<AudioPortal.Core.Errors.Result<Account>> CreateAccountAsync(string email, string password)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.EnsureCreated();
        return await scope.ServiceProvider.GetRequiredService<AccountService>().CreateAsync(email, password);
    }

    protected void EnsureDatabase()
    {
        using var scope = Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.EnsureCreated();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

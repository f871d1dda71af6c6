using AudioPortal.Core.ApiKeys;
using AudioPortal.Core.Billing;
using AudioPortal.Core.Data;
using AudioPortal.Web.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Options;

namespace AudioPortal.Web.Data;

/// <summary>The data folder, its database and key ring, and the plans.</summary>
public static class DataWiring
{
    public static WebApplicationBuilder AddData(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.ReadSection<DataOptions>("Data");
        var root = System.IO.Path.GetFullPath(options.Path, builder.Environment.ContentRootPath);
        OwnerOnlyFiles.CreateFolder(root);
        builder.Services.AddSingleton(new DataFolder(root));

        // The key ring behind cookies and antiforgery tokens stays with the data it protects, not in $HOME: in the
        // data folder on SQLite, in the database on PostgreSQL (where several web processes must share it).
        var keyRing = OwnerOnlyFiles.CreateFolder(System.IO.Path.Combine(OwnerOnlyFiles.CreateFolder(System.IO.Path.Combine(root, "keys")), "dataprotection"));
        builder.Services.AddDataProtection().SetApplicationName("AudioPortal");
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
        {
            if (sp.GetRequiredService<DatabaseOptions>().Kind == DatabaseProvider.Postgres)
            {
                o.XmlRepository = new DatabaseXmlRepository(sp.GetRequiredService<PooledDbContextFactory<AppDbContext>>());
                o.XmlEncryptor = new DatabaseAccessXmlEncryptor();
                return;
            }

            o.XmlRepository = new OwnerOnlyXmlRepository(new DirectoryInfo(keyRing), sp.GetRequiredService<ILoggerFactory>());
            o.XmlEncryptor = new OwnerOnlyFileXmlEncryptor();
        }));

        // Which engine: validated when first read, which is when the pool below is built (the start's migration), so a
        // bad value is one line at start (Program) rather than an exception while the host is still being wired.
        builder.Services.AddSectionOptions<DatabaseOptions>("Database");
        builder.Services.AddRetention(builder.Configuration);
        var configuredConnection = builder.Configuration.GetConnectionString("Default");

        // Pooled contexts, each bound to the caller's account as it is handed out (see AppDbContextRegistration).
        builder.Services.AddAppDbContext((sp, db) =>
        {
            var provider = sp.GetRequiredService<DatabaseOptions>().Kind;
            db.UseProvider(provider, DatabaseProviders.ConnectionString(provider, configuredConnection, root));

            // Writes to keys or accounts clear the API key cache, whichever feature makes them.
            if (sp.GetService<ApiKeyCacheInvalidator>() is { } invalidator)
            {
                db.AddInterceptors(invalidator);
            }
        });

        // The section is a list, so it binds into the options' one property rather than through BindConfiguration.
        builder.Services.AddOptions<PlanOptions>().Configure(o => builder.Configuration.GetSection("Plans").Bind(o.Plans)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<PlanOptions>, PlanOptionsValidator>();
        builder.Services.AddSingleton<PlanCatalog>();
        return builder;
    }

    /// <summary>Applies the configured provider's pending migrations (the app owns its schema on either engine).</summary>
    public static async Task PrepareDataAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await MigrateAsync(scope.ServiceProvider);
    }

    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        var unknown = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Where(m => !known.Contains(m)).ToList();
        if (unknown.Count > 0)
        {
            throw new IncompatibleDatabaseException(
                $"The database {db.Database.GetDbConnection().DataSource} was made by another version of AudioPortal " +
                $"(it has migration {unknown[0]}, which this version does not know). Move the data folder aside or set " +
                "Data:Path to a new folder (on PostgreSQL: point ConnectionStrings:Default at a new database), then start again.");
        }

        await db.Database.MigrateAsync(cancellationToken);
        // Fail at start, not on the first sign-up, when the plans section is broken (PlanOptionsValidator says how).
        _ = services.GetRequiredService<IOptions<PlanOptions>>().Value;
    }
}

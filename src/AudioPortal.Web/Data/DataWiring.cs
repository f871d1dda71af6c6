using AudioPortal.Core.ApiKeys;
using AudioPortal.Core.Billing;
using AudioPortal.Core.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AudioPortal.Web.Data;

/// <summary>The <c>Data</c> section: where AudioPortal keeps its database, blobs, keys and mail.</summary>
public sealed class DataOptions
{
    /// <summary>The data folder, relative to the content root (the repository's top folder) unless absolute.</summary>
    public string Path { get; set; } = "data";
}

/// <summary>The resolved data folder, created on first use.</summary>
public sealed class DataFolder(string root)
{
    public string Root { get; } = root;

    /// <summary>A sub-folder of the data folder, created if missing.</summary>
    public string Sub(string name) => Directory.CreateDirectory(System.IO.Path.Combine(Root, name)).FullName;
}

public static class DataWiring
{
    public static WebApplicationBuilder AddData(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Data").Get<DataOptions>() ?? new DataOptions();
        var root = System.IO.Path.GetFullPath(options.Path, builder.Environment.ContentRootPath);
        OwnerOnlyFiles.CreateFolder(root);
        builder.Services.AddSingleton(new DataFolder(root));

        // The key ring behind cookies and antiforgery tokens stays with the data it protects, not in $HOME.
        var keyRing = OwnerOnlyFiles.CreateFolder(System.IO.Path.Combine(OwnerOnlyFiles.CreateFolder(System.IO.Path.Combine(root, "keys")), "dataprotection"));
        builder.Services.AddDataProtection().SetApplicationName("AudioPortal");
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
        {
            o.XmlRepository = new OwnerOnlyXmlRepository(new DirectoryInfo(keyRing), sp.GetRequiredService<ILoggerFactory>());
            o.XmlEncryptor = new OwnerOnlyFileXmlEncryptor();
        }));

        var connectionString = builder.Configuration.GetConnectionString("Default");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = $"Data Source={System.IO.Path.Combine(root, "audioportal.db")}";
        }

        OwnerOnlyFiles.CreateDatabaseFile(connectionString);

        // Pooled contexts, each bound to the caller's account as it is handed out (see AppDbContextRegistration).
        builder.Services.AddAppDbContext((sp, db) =>
        {
            db.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly("AudioPortal.Migrations"));

            // Writes to keys or accounts clear the API key cache, whichever feature makes them.
            if (sp.GetService<ApiKeyCacheInvalidator>() is { } invalidator)
            {
                db.AddInterceptors(invalidator);
            }
        });

        builder.Services.Configure<PlanOptions>(o => builder.Configuration.GetSection("Plans").Bind(o.Plans));
        builder.Services.AddSingleton<PlanCatalog>();
        return builder;
    }

    /// <summary>Applies pending migrations (SQLite is embedded, so the app owns its schema).</summary>
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
                "Data:Path to a new folder, then start again.");
        }

        await db.Database.MigrateAsync(cancellationToken);
        // Fail at start, not on the first sign-up, when the plans section is broken.
        _ = services.GetRequiredService<IOptions<PlanOptions>>().Value.Plans.Single(p => p.Id == PlanCatalog.FreePlanId);
    }
}

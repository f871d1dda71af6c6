using AudioPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AudioPortal.Web.Data;

/// <summary>
/// How `dotnet ef` (migrations/regen.sh) makes the context. The host registers only a pooled factory, which the tools
/// cannot see, so without this they find the context only through existing migrations — and regen.sh deletes those
/// first. The provider comes after `--` (`-- --provider Postgres`; SQLite without it), since each provider has its own
/// migration set. The connection is never opened: the tools only read the model.
/// </summary>
public sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var at = Array.IndexOf(args, "--provider");
        var provider = at >= 0 && at + 1 < args.Length ? Enum.Parse<DatabaseProvider>(args[at + 1], ignoreCase: true) : DatabaseProvider.Sqlite;
        var connectionString = provider == DatabaseProvider.Postgres ? "Host=127.0.0.1;Database=design_time" : "Data Source=design-time.db";
        var options = new DbContextOptionsBuilder<AppDbContext>();
        options.UseProvider(provider, connectionString);
        return new AppDbContext(options.Options);
    }
}

using AudioPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AudioPortal.Web.Data;

/// <summary>
/// How `dotnet ef` (migrations/regen.sh) makes the context. The host registers only a pooled factory, which the tools
/// cannot see, so without this they find the context only through existing migrations — and regen.sh deletes those
/// first. The connection is never opened: the tools only read the model.
/// </summary>
public sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AppDbContext>()
            .UseSqlite("Data Source=design-time.db", sqlite => sqlite.MigrationsAssembly("AudioPortal.Migrations"))
            .Options);
}

using AudioPortal.Cli;
using AudioPortal.Web.Data;

namespace AudioPortal.Web.Cli;

/// <summary><c>migrate</c>: applies pending database migrations (the web host also does this at start).</summary>
public sealed class MigrateVerb : ICliVerb
{
    public string Name => "migrate";

    public bool UsesDatabase => true;

    public string Summary => "Apply pending database migrations and exit.";

    public string Usage => "Usage: migrate\n\nCreates the database if needed and applies every pending migration.";

    public async Task<int> RunAsync(CliArgs args, CliContext context)
    {
        args.EnsureAllUsed();
        await DataWiring.MigrateAsync(context.Services, context.CancellationToken);
        await context.Out.WriteLineAsync("Database is up to date.");
        return 0;
    }
}

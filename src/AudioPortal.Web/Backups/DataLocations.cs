using AudioPortal.Cli;
using Microsoft.Data.Sqlite;

namespace AudioPortal.Web.Backups;

/// <summary>
/// Where an installation's data is, read from configuration alone (as the host would place it) so that backup and
/// restore work without starting the application — restore must not create the database it is about to replace.
/// </summary>
public sealed record DataLocations(string Root, string DatabaseFile)
{
    /// <summary>The folders of the data folder a backup holds; <c>work/</c> (parts being written) is left out.</summary>
    public static readonly string[] Folders = ["blobs", "keys", "mail"];

    public const string DatabaseEntry = "audioportal.db";

    /// <summary>The locations, or why this installation is not backed up by the <c>backup</c> verb.</summary>
    public static (DataLocations? Locations, string? Problem) From(IConfiguration configuration)
    {
        if (string.Equals(configuration["Database:Provider"], "Postgres", StringComparison.OrdinalIgnoreCase))
        {
            return (null, "this installation uses PostgreSQL: back up the database with pg_dump and the blobs with the store's own tools (docs/DEPLOY.md).");
        }

        var root = Path.GetFullPath(configuration["Data:Path"] is { Length: > 0 } path ? path : "data", AppConfiguration.FindRoot());
        var connectionString = configuration.GetConnectionString("Default");
        var database = string.IsNullOrWhiteSpace(connectionString)
            ? Path.Combine(root, DatabaseEntry)
            : Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource, AppConfiguration.FindRoot());
        return (new DataLocations(root, database), null);
    }
}

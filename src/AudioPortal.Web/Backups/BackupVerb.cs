using AudioPortal.Cli;
using AudioPortal.Core.Storage;
using AudioPortal.Web.Data;
using Microsoft.Data.Sqlite;

namespace AudioPortal.Web.Backups;

/// <summary>
/// <c>backup --out DIR</c>: an online backup of a SQLite installation — the database through <c>VACUUM INTO</c> (a
/// consistent snapshot while the server keeps serving), then the blobs, keys and mail, each file streamed and hashed
/// into <c>backup.json</c>. Files a running job or sweeper adds or removes meanwhile are at worst orphans or skipped.
/// </summary>
public sealed class BackupVerb : ICliVerb
{
    public string Name => "backup";

    // Reads configuration only: the server may be running on the same folder.
    public bool UsesDatabase => false;

    public string Summary => "Copy the database, files and keys into a folder (the server may keep running).";

    public string Usage => """
        Usage: backup --out DIR

        Writes an online snapshot of the database (VACUUM INTO), blobs/, keys/ and mail/ of the data folder into DIR (new or
        empty), with backup.json listing every file's size and SHA-256. work/ is left out. DIR holds the keys: keep it private.
        Restore it with: restore --from DIR
        """;

    public async Task<int> RunAsync(CliArgs args, CliContext context)
    {
        var target = Path.GetFullPath(args.Required("out"));
        args.EnsureAllUsed();
        var (locations, problem) = DataLocations.From(context.Services.GetRequiredService<IConfiguration>());
        if (locations is null)
        {
            await context.Error.WriteLineAsync($"error: {problem}");
            return 1;
        }

        if (!File.Exists(locations.DatabaseFile))
        {
            await context.Error.WriteLineAsync($"error: there is no database at {locations.DatabaseFile} to back up.");
            return 1;
        }

        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            await context.Error.WriteLineAsync($"error: {target} is not empty: back up into a new or empty folder.");
            return 1;
        }

        OwnerOnlyFiles.CreateFolder(target);
        var files = new List<BackupFile> { await SnapshotDatabaseAsync(locations.DatabaseFile, target, context.CancellationToken) };
        foreach (var folder in DataLocations.Folders)
        {
            files.AddRange(await CopyFolderAsync(locations.Root, folder, target, context.CancellationToken));
        }

        await new BackupManifest(BackupManifest.CurrentVersion, TimeProvider.System.GetUtcNow(), files).WriteAsync(target, context.CancellationToken);
        await context.Out.WriteLineAsync($"Backed up {files.Count} files ({files.Sum(f => f.Size) / (1024.0 * 1024):0.#} MiB) to {target}.");
        return 0;
    }

    private static async Task<BackupFile> SnapshotDatabaseAsync(string database, string target, CancellationToken ct)
    {
        var snapshot = Path.Combine(target, DataLocations.DatabaseEntry);
        await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString()))
        {
            await connection.OpenAsync(ct);
            await using var vacuum = connection.CreateCommand();
            vacuum.CommandText = "VACUUM INTO $path";
            vacuum.Parameters.AddWithValue("$path", snapshot);
            await vacuum.ExecuteNonQueryAsync(ct);
        }

        OwnerOnlyFiles.Restrict(snapshot);
        return new BackupFile(DataLocations.DatabaseEntry, new FileInfo(snapshot).Length, await BackupManifest.HashAsync(snapshot, ct));
    }

    private static async Task<List<BackupFile>> CopyFolderAsync(string root, string folder, string target, CancellationToken ct)
    {
        var copied = new List<BackupFile>();
        var source = Path.Combine(root, folder);
        if (!Directory.Exists(source))
        {
            return copied;
        }

        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(file).Contains(BlobKeys.PartialMarker, StringComparison.Ordinal))
            {
                continue; // a part or upload still being written
            }

            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            try
            {
                var (size, sha256) = await BackupManifest.CopyAsync(file, Path.Combine(target, relative), ct);
                OwnerOnlyFiles.Restrict(Path.Combine(target, relative));
                copied.Add(new BackupFile(relative, size, sha256));
            }
            catch (FileNotFoundException)
            {
                // Removed since the listing (a deleted job, a swept upload): not part of the installation any more.
            }
        }

        return copied;
    }
}

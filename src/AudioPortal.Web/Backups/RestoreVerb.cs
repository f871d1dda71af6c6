using AudioPortal.Cli;
using AudioPortal.Web.Data;

namespace AudioPortal.Web.Backups;

/// <summary>
/// <c>restore --from DIR [--force]</c>: checks every file of a backup against <c>backup.json</c> first, then writes it
/// into the configured data folder, which must be empty unless <c>--force</c> moves what is there aside (never deleted).
/// </summary>
public sealed class RestoreVerb : ICliVerb
{
    public string Name => "restore";

    // Configuration only: starting the application would create the database this replaces.
    public bool UsesDatabase => false;

    public string Summary => "Restore a backup into the data folder (stop the server first).";

    public string Usage => """
        Usage: restore --from DIR [--force]

        Verifies every file of the backup in DIR against its backup.json, then copies it into the configured data folder
        (Data:Path). The folder must be empty or missing; --force moves an existing one aside to <folder>.before-restore-<time>.
        """;

    public async Task<int> RunAsync(CliArgs args, CliContext context)
    {
        var from = Path.GetFullPath(args.Required("from"));
        var force = args.Flag("force");
        args.EnsureAllUsed();
        var ct = context.CancellationToken;
        var (locations, problem) = DataLocations.From(context.Services.GetRequiredService<IConfiguration>());
        if (locations is null)
        {
            return await FailAsync(context, problem!);
        }

        if (await BackupManifest.ReadAsync(from, ct) is not { } manifest)
        {
            return await FailAsync(context, $"{from} holds no backup ({BackupManifest.FileName} is missing or unreadable).");
        }

        if (await DamageAsync(from, manifest, ct) is { } damage)
        {
            return await FailAsync(context, $"the backup is damaged, nothing was restored: {damage}");
        }

        var occupied = (Directory.Exists(locations.Root) && Directory.EnumerateFileSystemEntries(locations.Root).Any()) || File.Exists(locations.DatabaseFile);
        if (occupied && !force)
        {
            return await FailAsync(context, $"{locations.Root} is not empty: restore into a new data folder, or pass --force to move it aside.");
        }

        if (occupied)
        {
            await context.Out.WriteLineAsync($"Moved the existing data aside to {MoveAside(locations)}.");
        }

        OwnerOnlyFiles.CreateFolder(locations.Root);
        foreach (var file in manifest.Files)
        {
            var target = file.Path == DataLocations.DatabaseEntry ? locations.DatabaseFile : Path.Combine(locations.Root, file.Path);
            OwnerOnlyFiles.CreateFolder(Path.GetDirectoryName(target)!);
            var (_, sha256) = await BackupManifest.CopyAsync(Path.Combine(from, file.Path), target, ct);
            OwnerOnlyFiles.Restrict(target);
            if (sha256 != file.Sha256)
            {
                return await FailAsync(context, $"{file.Path} changed while it was restored; restore again (the partly restored folder is {locations.Root}).");
            }
        }

        await context.Out.WriteLineAsync($"Restored {manifest.Files.Count} files from the backup of {manifest.CreatedAt:u} into {locations.Root}.");
        return 0;
    }

    /// <summary>The first file that is missing, of another size or another SHA-256 than the manifest says (or escapes the folder).</summary>
    private static async Task<string?> DamageAsync(string from, BackupManifest manifest, CancellationToken ct)
    {
        if (manifest.Version != BackupManifest.CurrentVersion || !manifest.Files.Any(f => f.Path == DataLocations.DatabaseEntry))
        {
            return $"{BackupManifest.FileName} is not a backup this version can restore.";
        }

        foreach (var file in manifest.Files)
        {
            var path = Path.GetFullPath(Path.Combine(from, file.Path));
            if (!path.StartsWith(from + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                return $"{file.Path} points outside the backup.";
            }

            if (!File.Exists(path) || new FileInfo(path).Length != file.Size || await BackupManifest.HashAsync(path, ct) != file.Sha256)
            {
                return $"{file.Path} is missing or not the file that was backed up.";
            }
        }

        return null;
    }

    private static string MoveAside(DataLocations locations)
    {
        var suffix = $".before-restore-{TimeProvider.System.GetUtcNow():yyyyMMddHHmmss}";
        if (File.Exists(locations.DatabaseFile) && !locations.DatabaseFile.StartsWith(locations.Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            File.Move(locations.DatabaseFile, locations.DatabaseFile + suffix);
        }

        if (Directory.Exists(locations.Root))
        {
            Directory.Move(locations.Root, locations.Root + suffix);
        }

        return locations.Root + suffix;
    }

    private static async Task<int> FailAsync(CliContext context, string message)
    {
        await context.Error.WriteLineAsync($"error: {message}");
        return 1;
    }
}

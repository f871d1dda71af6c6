using System.Security.Cryptography;
using System.Text.Json;

namespace AudioPortal.Web.Backups;

/// <summary>One file of a backup: its path inside the backup folder (forward slashes), size and SHA-256 (hex).</summary>
public sealed record BackupFile(string Path, long Size, string Sha256);

/// <summary><c>backup.json</c>: what a backup holds, so a restore can prove every file intact before it writes anything.</summary>
public sealed record BackupManifest(int Version, DateTimeOffset CreatedAt, IReadOnlyList<BackupFile> Files)
{
    public const string FileName = "backup.json";
    public const int CurrentVersion = 1;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task WriteAsync(string folder, CancellationToken ct)
    {
        await using var output = File.Create(System.IO.Path.Combine(folder, FileName));
        await JsonSerializer.SerializeAsync(output, this, Json, ct);
    }

    public static async Task<BackupManifest?> ReadAsync(string folder, CancellationToken ct)
    {
        var path = System.IO.Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        await using var input = File.OpenRead(path);
        try
        {
            return await JsonSerializer.DeserializeAsync<BackupManifest>(input, Json, ct);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Copies <paramref name="source"/> to <paramref name="target"/> as a stream, hashing on the way; the file written.</summary>
    public static async Task<(long Size, string Sha256)> CopyAsync(string source, string target, CancellationToken ct)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
        await using var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, useAsync: true);
        await using var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        long size = 0;
        int read;
        while ((read = await input.ReadAsync(buffer, ct)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            await output.WriteAsync(buffer.AsMemory(0, read), ct);
            size += read;
        }

        return (size, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    /// <summary>The SHA-256 of a file, streamed.</summary>
    public static async Task<string> HashAsync(string path, CancellationToken ct)
    {
        await using var input = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(input, ct));
    }
}

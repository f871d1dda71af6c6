using System.Security.Cryptography;
using AudioPortal.Core.Errors;
using AudioPortal.Core.Storage.Encryption;

namespace AudioPortal.Core.Storage;

/// <summary>
/// The default store: files under <c>{data}/blobs</c>, one folder per account, encrypted at rest by
/// <see cref="BlobCipher"/> (files written before encryption are still read as they are).
/// </summary>
public sealed partial class LocalBlobStore : IBlobStore
{
    private const int BufferSize = 81920;
    private readonly string _root;
    private readonly BlobCipher _cipher;
    private readonly BlobScratch _scratch;

    /// <param name="cipher">How files are written and read; without one, a key ring is kept beside the root (tests).</param>
    /// <param name="scratch">Where decrypted copies for the engine go; by default <c>tmp/</c> beside the root.</param>
    public LocalBlobStore(string root, BlobCipher? cipher = null, string? scratch = null)
    {
        _root = Path.GetFullPath(root);
        Directory.CreateDirectory(_root);
        var parent = Path.GetDirectoryName(_root)!;
        _cipher = cipher ?? new BlobCipher(StorageKeys.Load(Path.Combine(parent, "keys", "storage"), null), encryptWrites: true);
        _scratch = new BlobScratch(scratch ?? Path.Combine(parent, "tmp"));
    }

    public BlobCipher Cipher => _cipher;

    public async Task<Result<BlobWritten>> WriteAsync(string key, Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + BlobKeys.PartialMarker + Guid.NewGuid().ToString("N");
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long total = 0;
        var completed = false;
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
            await using (var output = _cipher.Wrap(file))
            {
                var buffer = new byte[BufferSize];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    total += read;
                    if (total > maxBytes)
                    {
                        return FileTooLarge(maxBytes);
                    }

                    hash.AppendData(buffer, 0, read);
                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }

                await BlobCipher.CompleteAsync(output, cancellationToken);
            }

            File.Move(temp, path, overwrite: true);
            completed = true;
            return new BlobWritten(key, total, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        catch (IOException e) when (IsDiskFull(e))
        {
            return ErrorCatalog.ServiceUnavailable.WithMessage("Storage is full; try again later.");
        }
        finally
        {
            if (!completed)
            {
                TryDelete(temp);
            }
        }
    }

    public Task MoveAsync(string fromKey, string toKey)
    {
        var to = PathOf(toKey);
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.Move(PathOf(fromKey), to, overwrite: true);
        return Task.CompletedTask;
    }

    public Stream? OpenRead(string key)
    {
        var path = PathOf(key);
        try
        {
            return _cipher.OpenRead(path, key, BufferSize);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    public bool Exists(string key) => File.Exists(PathOf(key));

    public Task DeleteAsync(string key)
    {
        TryDelete(PathOf(key));
        return Task.CompletedTask;
    }

    public Task DeletePrefixAsync(string prefix)
    {
        var path = PathOf(prefix);
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
        else
        {
            TryDelete(path);
        }

        return Task.CompletedTask;
    }

    public Task<long> SizeOfPrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        var path = PathOf(prefix);
        long total = 0;
        if (Directory.Exists(path))
        {
            // The enumeration carries each file's size (no second look at the disk, so a file deleted meanwhile
            // cannot fail the report). Uploads still streaming in (*.partial-*) take space and count too.
            var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 };
            foreach (var file in new DirectoryInfo(path).EnumerateFiles("*", options))
            {
                cancellationToken.ThrowIfCancellationRequested();
                total += file.Length;
            }
        }

        return Task.FromResult(total);
    }

    public IEnumerable<StoredFile> ListAll()
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 };
        foreach (var file in new DirectoryInfo(_root).EnumerateFiles("*", options))
        {
            var key = Path.GetRelativePath(_root, file.FullName).Replace(Path.DirectorySeparatorChar, '/');
            yield return new StoredFile(key, file.Length, file.LastWriteTimeUtc);
        }
    }

    /// <summary>Maps a key to a path inside the root; keys that could escape it are a bug, not input.</summary>
    private string PathOf(string key)
    {
        if (string.IsNullOrWhiteSpace(key) || key.StartsWith('/') || key.Contains('\\') || key.Split('/').Any(s => s is "" or "." or ".."))
        {
            throw new ArgumentException($"Invalid blob key '{key}'.", nameof(key));
        }

        var path = Path.GetFullPath(Path.Combine(_root, key));
        return path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? path
            : throw new ArgumentException($"Invalid blob key '{key}'.", nameof(key));
    }

    internal static AppError FileTooLarge(long maxBytes) => ErrorCatalog.FileTooLarge.WithDetails(
        new Dictionary<string, object?> { ["maxFileSize"] = maxBytes },
        $"The file is larger than the maximum of {maxBytes} bytes for this plan.");

    private static bool IsDiskFull(IOException e) => e.HResult is 28 or unchecked((int)0x80070070);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Still open somewhere; the retention sweeper removes it later.
        }
    }
}

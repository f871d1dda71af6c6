using AudioPortal.Core.Storage.Encryption;

namespace AudioPortal.Core.Storage;

/// <summary>The local store's moves between plaintext local files (the engine's side) and stored, encrypted blobs.</summary>
public sealed partial class LocalBlobStore
{
    public async Task<long> ImportAsync(string key, string localFile, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (!_cipher.EncryptsWrites)
        {
            return await MoveInAsync(localFile, path, cancellationToken);
        }

        // Encrypted into a temporary name beside the blob, so a reader never sees half a file.
        var temp = path + BlobKeys.PartialMarker + Guid.NewGuid().ToString("N");
        try
        {
            long size;
            await using (var input = new FileStream(localFile, FileMode.Open, FileAccess.Read, FileShare.Read, 0, useAsync: false))
            {
                size = await _cipher.WriteFileAsync(input, temp, BufferSize, cancellationToken);
            }

            File.Move(temp, path, overwrite: true);
            File.Delete(localFile);
            return size;
        }
        finally
        {
            TryDelete(temp);
        }
    }

    public async Task<LocalBlobFile> GetLocalFileAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        if (BlobCipher.KeyIdOf(path) is null)
        {
            return new LocalBlobFile(path, null);
        }

        await using var plain = _cipher.OpenRead(path, key, BufferSize);
        return await _scratch.CopyAsync(plain, cancellationToken);
    }

    /// <summary>
    /// Writes <paramref name="key"/> again under the current key when it was written in plaintext or under another key
    /// (a rotation); its modification time is kept, so retention still counts from its first write. False when there
    /// is nothing to do or the blob was removed meanwhile.
    /// </summary>
    public async Task<bool> ReencryptAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        if (!_cipher.EncryptsWrites || !File.Exists(path) || BlobCipher.KeyIdOf(path) == _cipher.Keys.Current.Id)
        {
            return false;
        }

        var modified = File.GetLastWriteTimeUtc(path);
        var temp = path + BlobKeys.PartialMarker + Guid.NewGuid().ToString("N");
        try
        {
            await using (var plain = _cipher.OpenRead(path, key, BufferSize))
            {
                await _cipher.WriteFileAsync(plain, temp, BufferSize, cancellationToken);
            }

            File.SetLastWriteTimeUtc(temp, modified);
            if (!File.Exists(path))
            {
                return false;
            }

            File.Move(temp, path, overwrite: true);
            return true;
        }
        finally
        {
            TryDelete(temp);
        }
    }

    private static async Task<long> MoveInAsync(string localFile, string path, CancellationToken cancellationToken)
    {
        try
        {
            File.Move(localFile, path, overwrite: true);
        }
        catch (IOException)
        {
            // Another volume: copy, then remove the original.
            await using (var input = File.OpenRead(localFile))
            await using (var output = File.Create(path))
            {
                await input.CopyToAsync(output, cancellationToken);
            }

            File.Delete(localFile);
        }

        return new FileInfo(path).Length;
    }
}

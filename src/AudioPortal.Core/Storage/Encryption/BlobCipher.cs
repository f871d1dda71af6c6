namespace AudioPortal.Core.Storage.Encryption;

/// <summary>
/// How the local store turns files into blobs and back: new files are encrypted with the ring's current key when
/// <see cref="EncryptsWrites"/> (the default; <c>Storage:EncryptAtRest</c>), and any file is read whichever way it was
/// written — an encrypted one by its header's key, one written before encryption (no header) as it is.
/// </summary>
public sealed class BlobCipher(StorageKeys keys, bool encryptWrites)
{
    public StorageKeys Keys => keys;

    public bool EncryptsWrites => encryptWrites;

    /// <summary>The key id a file was encrypted with, or null for a file stored as plaintext.</summary>
    public static uint? KeyIdOf(string path)
    {
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var header = new byte[ChunkedAesGcm.HeaderSize];
        var read = RandomAccess.Read(file, header, 0);
        return ChunkedAesGcm.IsEncrypted(header.AsSpan(0, read)) ? ChunkedAesGcm.ReadHeader(header.AsSpan(0, read), path).KeyId : null;
    }

    /// <summary>A seekable plaintext stream over the file: decrypting when it is encrypted.</summary>
    public Stream OpenRead(string path, string blob, int bufferSize)
    {
        var plain = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize, useAsync: true);
        Span<byte> start = stackalloc byte[ChunkedAesGcm.HeaderSize];
        var read = RandomAccess.Read(plain.SafeFileHandle, start, 0);
        if (!ChunkedAesGcm.IsEncrypted(start[..read]))
        {
            return plain;
        }

        plain.Dispose();
        return new EncryptedFileStream(path, keys, blob);
    }

    /// <summary>The stream plaintext is written to: <paramref name="file"/> itself, or an encrypting stream over it.</summary>
    public Stream Wrap(Stream file)
    {
        if (!encryptWrites)
        {
            return file;
        }

        var (id, key) = keys.Current;
        return new EncryptingStream(file, id, key);
    }

    /// <summary>Ends what <see cref="Wrap"/> returned: seals the final chunk (or just flushes a plaintext file).</summary>
    public static Task CompleteAsync(Stream written, CancellationToken cancellationToken) =>
        written is EncryptingStream encrypting ? encrypting.CompleteAsync(cancellationToken) : written.FlushAsync(cancellationToken);

    /// <summary>Writes <paramref name="source"/> to a new file at <paramref name="path"/> the way new blobs are written; returns the plaintext bytes.</summary>
    public async Task<long> WriteFileAsync(Stream source, string path, int bufferSize, CancellationToken cancellationToken)
    {
        // Unbuffered and synchronous underneath: the encrypting stream writes whole 64 KiB chunks.
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 0, useAsync: false);
        await using var output = Wrap(file);
        await source.CopyToAsync(output, bufferSize, cancellationToken);
        await CompleteAsync(output, cancellationToken);
        return output.Position;
    }
}

using System.Buffers.Binary;
using System.Security.Cryptography;

namespace AudioPortal.Core.Storage.Encryption;

/// <summary>
/// The at-rest format of a blob: a 32-byte header, then chunks of <see cref="ChunkSize"/> plaintext bytes each sealed
/// with AES-256-GCM under its own random 96-bit nonce (on disk: nonce, ciphertext, 16-byte tag). Every chunk but the
/// last is full; an empty blob is one empty final chunk. Each chunk's associated data is the header (magic, version,
/// key id, chunk size and a random file id, so a chunk cannot move to another file or key), its index (so chunks cannot
/// be swapped or dropped) and whether it is the final one (so cutting the file at a chunk boundary is detected). Any
/// chunk decrypts on its own: Range reads seek without decrypting what comes before.
/// </summary>
public static class ChunkedAesGcm
{
    public const int HeaderSize = 32;
    public const int NonceSize = 12;
    public const int TagSize = 16;
    public const int Overhead = NonceSize + TagSize;
    public const int ChunkSize = 64 * 1024;
    public const byte Version = 1;

    /// <summary>"\x89APENC": a high first byte, as PNG's, so no text or audio file starts this way.</summary>
    private static ReadOnlySpan<byte> Magic => [0x89, (byte)'A', (byte)'P', (byte)'E', (byte)'N', (byte)'C'];

    /// <summary>A new header for one blob: this key, a fresh file id.</summary>
    public static byte[] NewHeader(uint keyId)
    {
        var header = new byte[HeaderSize];
        Magic.CopyTo(header);
        header[6] = Version;
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(8), keyId);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(12), ChunkSize);
        RandomNumberGenerator.Fill(header.AsSpan(16, 16));
        return header;
    }

    /// <summary>Whether these first bytes of a file start an encrypted blob (a file written before encryption does not).</summary>
    public static bool IsEncrypted(ReadOnlySpan<byte> start) => start.Length >= Magic.Length && start[..Magic.Length].SequenceEqual(Magic);

    /// <summary>The header's key id and chunk size; a header of a version or size this build cannot read is an error.</summary>
    public static (uint KeyId, int ChunkSize) ReadHeader(ReadOnlySpan<byte> header, string blob)
    {
        if (header.Length < HeaderSize || !IsEncrypted(header))
        {
            throw new BlobIntegrityException(blob, "its encryption header is missing or cut short");
        }

        var chunkSize = BinaryPrimitives.ReadUInt32BigEndian(header[12..]);
        if (header[6] != Version || header[7] != 0 || chunkSize is 0 or > 16 * 1024 * 1024)
        {
            throw new BlobIntegrityException(blob, $"its encryption header (version {header[6]}, chunk size {chunkSize}) is not one this build reads");
        }

        return (BinaryPrimitives.ReadUInt32BigEndian(header[8..]), (int)chunkSize);
    }

    /// <summary>The plaintext length of an encrypted file of <paramref name="fileLength"/> bytes, or why that length cannot be.</summary>
    public static long PlaintextLength(long fileLength, int chunkSize, string blob)
    {
        var body = fileLength - HeaderSize;
        var stored = (long)chunkSize + Overhead;
        var chunks = (body + stored - 1) / stored;
        var last = body - ((chunks - 1) * stored);
        if (body < Overhead || last < Overhead)
        {
            throw new BlobIntegrityException(blob, "it was truncated (its last chunk is incomplete)");
        }

        return body - (chunks * Overhead);
    }

    /// <summary>Seals one chunk: <paramref name="output"/> receives nonce, ciphertext and tag (plaintext length + <see cref="Overhead"/>).</summary>
    public static void SealChunk(AesGcm aes, ReadOnlySpan<byte> header, long index, bool final, ReadOnlySpan<byte> plaintext, Span<byte> output)
    {
        var nonce = output[..NonceSize];
        RandomNumberGenerator.Fill(nonce);
        Span<byte> associated = stackalloc byte[HeaderSize + 9];
        AssociatedData(header, index, final, associated);
        aes.Encrypt(nonce, plaintext, output.Slice(NonceSize, plaintext.Length), output.Slice(NonceSize + plaintext.Length, TagSize), associated);
    }

    /// <summary>Opens one stored chunk into <paramref name="plaintext"/>; an altered, moved or cut chunk, or a wrong key, throws.</summary>
    public static void OpenChunk(AesGcm aes, ReadOnlySpan<byte> header, long index, bool final, ReadOnlySpan<byte> stored, Span<byte> plaintext, string blob)
    {
        Span<byte> associated = stackalloc byte[HeaderSize + 9];
        AssociatedData(header, index, final, associated);
        var length = stored.Length - Overhead;
        try
        {
            aes.Decrypt(stored[..NonceSize], stored.Slice(NonceSize, length), stored.Slice(NonceSize + length, TagSize), plaintext[..length], associated);
        }
        catch (AuthenticationTagMismatchException)
        {
            plaintext.Clear();
            throw new BlobIntegrityException(blob, $"chunk {index} failed authentication (the file was altered, truncated or reordered, or the key is not the one it was written with)");
        }
    }

    private static void AssociatedData(ReadOnlySpan<byte> header, long index, bool final, Span<byte> associated)
    {
        header[..HeaderSize].CopyTo(associated);
        BinaryPrimitives.WriteInt64BigEndian(associated[HeaderSize..], index);
        associated[HeaderSize + 8] = final ? (byte)1 : (byte)0;
    }
}

/// <summary>An encrypted blob that cannot be read as written: tampered, truncated, or for a key this server lacks. Never silent garbage.</summary>
public sealed class BlobIntegrityException(string blob, string reason)
    : IOException($"Stored file '{blob}' cannot be decrypted: {reason}.")
{
    public string Blob { get; } = blob;
}

using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace AudioPortal.Core.Storage.Encryption;

/// <summary>
/// A read-only, seekable view of the plaintext of an encrypted blob (<see cref="ChunkedAesGcm"/>): a read decrypts only
/// the chunks it touches, so a Range download of the last megabyte of a large part reads 16 chunks, not the file. One
/// chunk is held decrypted at a time (memory stays flat). A chunk that fails authentication throws
/// <see cref="BlobIntegrityException"/>; no unauthenticated byte is ever returned.
/// </summary>
public sealed class EncryptedFileStream : Stream
{
    private readonly SafeFileHandle _file;
    private readonly string _blob;
    private readonly byte[] _header;
    private readonly AesGcm _aes;
    private readonly int _chunkSize;
    private readonly long _fileLength;
    private readonly long _chunks;
    private readonly byte[] _stored;
    private readonly byte[] _plain;
    private long _plainIndex = -1;
    private int _plainLength;
    private long _position;

    /// <summary>Opens <paramref name="path"/>, which must start with an encryption header; the header's key comes from <paramref name="keys"/>.</summary>
    public EncryptedFileStream(string path, StorageKeys keys, string blob)
    {
        _blob = blob;
        _file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        try
        {
            _header = new byte[ChunkedAesGcm.HeaderSize];
            var read = RandomAccess.Read(_file, _header, 0);
            var (keyId, chunkSize) = ChunkedAesGcm.ReadHeader(_header.AsSpan(0, read), blob);
            _fileLength = RandomAccess.GetLength(_file);
            Length = ChunkedAesGcm.PlaintextLength(_fileLength, chunkSize, blob);
            _chunkSize = chunkSize;
            _chunks = Math.Max(1, (Length + chunkSize - 1) / chunkSize);
            _aes = new AesGcm(keys.Find(keyId, blob), ChunkedAesGcm.TagSize);
            _stored = new byte[chunkSize + ChunkedAesGcm.Overhead];
            _plain = new byte[chunkSize];
        }
        catch
        {
            _file.Dispose();
            throw;
        }
    }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length { get; }

    public override long Position
    {
        get => _position;
        set => _position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_position >= Length || buffer.IsEmpty)
        {
            return 0;
        }

        var index = _position / _chunkSize;
        var within = (int)(_position % _chunkSize);
        if (_plainIndex != index)
        {
            var (offset, length) = Where(index);
            var read = RandomAccess.Read(_file, _stored.AsSpan(0, length), offset);
            Open(index, read, length);
        }

        var count = Math.Min(buffer.Length, _plainLength - within);
        _plain.AsSpan(within, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    /// <summary>
    /// Reads synchronously: a local read of one chunk is short, and .NET's asynchronous file reads on Linux are the same
    /// read on another thread, which costs a hop per chunk (measured in bench/README.md#encryption-at-rest).
    /// </summary>
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(buffer.Span));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => Length + offset,
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _aes.Dispose();
            _file.Dispose();
            CryptographicOperations.ZeroMemory(_plain);
        }

        base.Dispose(disposing);
    }

    /// <summary>Where chunk <paramref name="index"/> is stored: every chunk is full size but the last.</summary>
    private (long Offset, int Length) Where(long index)
    {
        var stored = (long)_chunkSize + ChunkedAesGcm.Overhead;
        var offset = ChunkedAesGcm.HeaderSize + (index * stored);
        return (offset, (int)Math.Min(stored, _fileLength - offset));
    }

    private void Open(long index, int read, int length)
    {
        _plainIndex = -1;
        if (read != length)
        {
            throw new BlobIntegrityException(_blob, $"chunk {index} is shorter than the file's length says (it changed while being read)");
        }

        ChunkedAesGcm.OpenChunk(_aes, _header, index, index == _chunks - 1, _stored.AsSpan(0, length), _plain, _blob);
        _plainLength = length - ChunkedAesGcm.Overhead;
        _plainIndex = index;
    }
}

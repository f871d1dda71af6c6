using System.Security.Cryptography;

namespace AudioPortal.Core.Storage.Encryption;

/// <summary>
/// Writes an encrypted blob (<see cref="ChunkedAesGcm"/>) into <paramref name="output"/> as plaintext is written to it,
/// holding one chunk at a time. Only <see cref="CompleteAsync"/> seals the final chunk: a stream abandoned before it
/// leaves a file that reads as truncated, never as a shorter valid blob.
/// </summary>
public sealed class EncryptingStream(Stream output, uint keyId, byte[] key) : Stream
{
    private readonly AesGcm _aes = new(key, ChunkedAesGcm.TagSize);
    private readonly byte[] _header = ChunkedAesGcm.NewHeader(keyId);
    private readonly byte[] _plain = new byte[ChunkedAesGcm.ChunkSize];
    private readonly byte[] _sealed = new byte[ChunkedAesGcm.ChunkSize + ChunkedAesGcm.Overhead];
    private int _buffered;
    private long _index;
    private long _written;
    private bool _headerWritten;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _written;
        set => throw new NotSupportedException();
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!buffer.IsEmpty)
        {
            if (_buffered == _plain.Length)
            {
                // More data follows, so the held chunk is not the last one.
                await SealAsync(final: false, cancellationToken);
            }

            var count = Math.Min(buffer.Length, _plain.Length - _buffered);
            buffer.Span[..count].CopyTo(_plain.AsSpan(_buffered));
            _buffered += count;
            _written += count;
            buffer = buffer[count..];
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    /// <summary>Seals what is held as the final chunk and flushes the output. Call once, after the last write.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        await SealAsync(final: true, cancellationToken);
        await output.FlushAsync(cancellationToken);
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _aes.Dispose();
            CryptographicOperations.ZeroMemory(_plain);
        }

        base.Dispose(disposing);
    }

    private async Task SealAsync(bool final, CancellationToken cancellationToken)
    {
        if (!_headerWritten)
        {
            await output.WriteAsync(_header, cancellationToken);
            _headerWritten = true;
        }

        ChunkedAesGcm.SealChunk(_aes, _header, _index++, final, _plain.AsSpan(0, _buffered), _sealed);
        await output.WriteAsync(_sealed.AsMemory(0, _buffered + ChunkedAesGcm.Overhead), cancellationToken);
        _buffered = 0;
    }
}

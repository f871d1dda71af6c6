namespace AudioPortal.Audio.Probing;

/// <summary>
/// Walks the MPEG audio frames of [start, end) of a stream through one fixed buffer, so memory does not grow with
/// the file. Bytes that are not frames (junk between frames) are skipped and counted; a frame cut off by the end is
/// reported, not returned. Used by the probe (count) and the frame splitter (copy) so both see the same frames.
/// </summary>
internal sealed class Mp3FrameScanner
{
    private const int BufferSize = 1 << 16;
    private readonly Stream _stream;
    private readonly long _end;
    private readonly byte[] _buffer = new byte[BufferSize];
    private long _bufferStart; // file offset of _buffer[0]
    private int _bufferLength;
    private long _position;
    private MpegFrameHeader? _stream0;

    public Mp3FrameScanner(Stream stream, long start, long end)
    {
        _stream = stream;
        _end = end;
        _position = start;
        _bufferStart = start;
    }

    /// <summary>Bytes skipped because they were not frames.</summary>
    public long JunkBytes { get; private set; }

    /// <summary>Stop (and report <see cref="GaveUp"/>) after skipping this many junk bytes: a probe need not read a garbage file to its end.</summary>
    public long JunkLimit { get; init; } = long.MaxValue;

    public bool GaveUp { get; private set; }

    /// <summary>True when the last frame header's frame runs past the end of the audio.</summary>
    public bool TruncatedTail { get; private set; }

    /// <summary>The current frame's file offset and header; its bytes are <see cref="FrameBytes"/>.</summary>
    public long FrameOffset { get; private set; }

    public MpegFrameHeader Frame { get; private set; }

    public ReadOnlySpan<byte> FrameBytes => _buffer.AsSpan((int)(FrameOffset - _bufferStart), Frame.FrameLength);

    /// <summary>Moves to the next frame; false at the end of the audio.</summary>
    public async ValueTask<bool> NextAsync(CancellationToken ct)
    {
        while (true)
        {
            if (JunkBytes > JunkLimit)
            {
                GaveUp = true;
                return false;
            }

            if (_end - _position < 4)
            {
                JunkBytes += Math.Max(0, _end - _position);
                _position = _end;
                return false;
            }

            await EnsureAsync(4, ct);
            var at = (int)(_position - _bufferStart);
            if (MpegFrameHeader.TryParse(_buffer.AsSpan(at, 4), out var header) && (_stream0 is null || _stream0.Value.SameStream(header)))
            {
                if (_position + header.FrameLength > _end)
                {
                    // A frame that does not fit: the file was cut short (or this is junk that looks like a header).
                    TruncatedTail = true;
                    JunkBytes += _end - _position;
                    _position = _end;
                    return false;
                }

                await EnsureAsync(header.FrameLength + 4, ct);
                at = (int)(_position - _bufferStart);
                if (_stream0 is null && !ConfirmedByNext(at, header))
                {
                    Skip();
                    continue;
                }

                _stream0 ??= header;
                FrameOffset = _position;
                Frame = header;
                _position += header.FrameLength;
                return true;
            }

            Skip();
        }
    }

    private void Skip()
    {
        _position++;
        JunkBytes++;
    }

    /// <summary>The first frame must be followed by another of the same stream (or the end), or it is chance.</summary>
    private bool ConfirmedByNext(int at, MpegFrameHeader header)
    {
        var next = at + header.FrameLength;
        if (_position + header.FrameLength + 4 > _end)
        {
            return true;
        }

        return MpegFrameHeader.TryParse(_buffer.AsSpan(next, 4), out var second) && header.SameStream(second);
    }

    /// <summary>Makes sure <paramref name="count"/> bytes from the position (or up to the end) are in the buffer.</summary>
    private async ValueTask EnsureAsync(int count, CancellationToken ct)
    {
        var available = _bufferStart + _bufferLength - _position;
        var wanted = Math.Min(count, _end - _position);
        if (available >= wanted)
        {
            return;
        }

        // Slide the unread bytes to the front and refill.
        var keep = (int)Math.Max(0, available);
        Buffer.BlockCopy(_buffer, (int)(_position - _bufferStart), _buffer, 0, keep);
        _bufferStart = _position;
        _bufferLength = keep;
        _stream.Position = _bufferStart + _bufferLength;
        var toRead = (int)Math.Min(BufferSize - _bufferLength, _end - _stream.Position);
        while (toRead > 0)
        {
            var read = await _stream.ReadAsync(_buffer.AsMemory(_bufferLength, toRead), ct);
            if (read == 0)
            {
                break;
            }

            _bufferLength += read;
            toRead -= read;
        }
    }
}

using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace AudioPortal.Audio.Writing.Flac;

/// <summary>
/// Writes big-endian bit fields into a caller-sized buffer (FLAC frames are bit-packed, most significant bit first).
/// The caller guarantees the room: a frame never exceeds its verbatim size, which sizes the buffer.
/// </summary>
internal sealed class FlacBitWriter(int capacity)
{
    private readonly byte[] _buffer = new byte[capacity + 8];
    private ulong _bits;   // pending bits, the newest in the low end
    private int _count;    // how many of _bits are pending (< 32 between calls)
    private int _position; // bytes written to _buffer

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _position);

    public int BytesWritten => _position;

    public void Reset()
    {
        _bits = 0;
        _count = 0;
        _position = 0;
    }

    /// <summary>Appends the low <paramref name="width"/> bits (0–32) of <paramref name="value"/>.</summary>
    public void Write(uint value, int width)
    {
        if (width == 0)
        {
            return;
        }

        _bits = (_bits << width) | (value & (uint.MaxValue >> (32 - width)));
        _count += width;
        if (_count >= 32)
        {
            _count -= 32;
            BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(_position), (uint)(_bits >> _count));
            _position += 4;
        }
    }

    /// <summary>Appends a signed value in two's complement, <paramref name="width"/> bits wide.</summary>
    public void WriteSigned(int value, int width) => Write((uint)value, width);

    /// <summary>Appends <paramref name="zeros"/> zero bits followed by a one (the unary part of a Rice code).</summary>
    public void WriteUnary(uint zeros)
    {
        for (; zeros >= 31; zeros -= 31)
        {
            Write(0, 31);
        }

        Write(1, (int)zeros + 1);
    }

    /// <summary>Appends one Rice-coded value: <c>value &gt;&gt; k</c> in unary, then the low k bits.</summary>
    public void WriteRice(uint value, int k)
    {
        var quotient = value >> k;
        if (quotient + 1 + k <= 32)
        {
            // One write: the unary's terminating 1 sits just above the k remainder bits.
            Write((1u << k) | (value & ((1u << k) - 1)), (int)quotient + 1 + k);
            return;
        }

        WriteUnary(quotient);
        Write(value, k);
    }

    /// <summary>
    /// Appends <paramref name="values"/> Rice-coded with parameter <paramref name="k"/> — the hot loop of the encoder,
    /// so the pending bits live in locals and each short code is a single shift-or.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void WriteRice(ReadOnlySpan<uint> values, int k)
    {
        var bits = _bits;
        var count = _count;
        var position = _position;
        var buffer = _buffer;
        var mask = (1u << k) - 1;
        var marker = 1u << k;
        foreach (var value in values)
        {
            var length = (int)(value >> k) + 1 + k;
            if (length > 32)
            {
                (_bits, _count, _position) = (bits, count, position);
                WriteRice(value, k);
                (bits, count, position) = (_bits, _count, _position);
                continue;
            }

            bits = (bits << length) | (marker | (value & mask));
            count += length;
            if (count >= 32)
            {
                count -= 32;
                BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(position), (uint)(bits >> count));
                position += 4;
            }
        }

        (_bits, _count, _position) = (bits, count, position);
    }

    /// <summary>Pads with zero bits to a whole byte and flushes everything pending into the buffer.</summary>
    public void AlignToByte()
    {
        Write(0, (8 - (_count & 7)) & 7);
        while (_count > 0)
        {
            _count -= 8;
            _buffer[_position++] = (byte)(_bits >> _count);
        }
    }
}

using System.Numerics;
using System.Runtime.CompilerServices;

namespace AudioPortal.Audio.Writing.Flac;

/// <summary>
/// Encodes one FLAC frame (RFC 9639) from de-interleaved integer samples: stereo decorrelation chosen by estimate,
/// an LPC subframe per channel (a constant or verbatim one where that is smaller), CRC-8 header and CRC-16 footer.
/// One instance per thread: it owns its scratch buffers.
/// </summary>
internal sealed class FlacFrameEncoder
{
    public const int BlockSize = 4096;

    // Subframe header byte: a zero bit, the 6-bit type, the wasted-bits flag (never set here).
    private const uint SubframeConstant = 0x00;
    private const uint SubframeVerbatim = 0x02;

    // Below this many samples a predictor's warm-up and coefficients cost more than they save.
    private const int MinLpcBlock = 32;

    private readonly int _channels;
    private readonly int _bitsPerSample;
    private readonly int _sampleRateCode;
    private readonly int _sampleSizeCode;
    private readonly FlacBitWriter _writer;
    private readonly FlacRice _rice = new();
    private readonly double[] _window = FlacLpc.WelchWindow(BlockSize);
    private readonly double[] _windowed = new double[BlockSize];
    private readonly double[] _autoc = new double[FlacLpc.MaxOrder + 1];
    private readonly double[] _coefs = new double[FlacLpc.MaxOrder * FlacLpc.MaxOrder];
    private readonly int[] _quantized = new int[FlacLpc.MaxOrder];
    private readonly uint[] _folded = new uint[BlockSize];
    private readonly int[] _mid = new int[BlockSize];
    private readonly int[] _side = new int[BlockSize];

    public FlacFrameEncoder(int channels, int bitsPerSample, int sampleRate)
    {
        _channels = channels;
        _bitsPerSample = bitsPerSample;
        _sampleRateCode = SampleRateCode(sampleRate);
        _sampleSizeCode = bitsPerSample switch
        {
            16 => 4,
            24 => 6,
            _ => throw new ArgumentOutOfRangeException(nameof(bitsPerSample), bitsPerSample, "16 or 24 bits"),
        };
        // Worst case: every channel verbatim with one extra bit (side), plus header and footer.
        _writer = new FlacBitWriter(16 + channels * (BlockSize * (bitsPerSample + 1) / 8 + 2) + 2);
    }

    /// <summary>Encodes the first <paramref name="n"/> samples of each channel as frame <paramref name="frameNumber"/>.</summary>
    public ReadOnlySpan<byte> Encode(int[][] channels, int n, long frameNumber)
    {
        _writer.Reset();
        if (_channels == 2)
        {
            var (assignment, first, firstBits, second, secondBits) = ChooseStereo(channels[0], channels[1], n);
            WriteHeader(n, assignment, frameNumber);
            WriteSubframe(first.AsSpan(0, n), firstBits);
            WriteSubframe(second.AsSpan(0, n), secondBits);
        }
        else
        {
            WriteHeader(n, (uint)_channels - 1, frameNumber);
            foreach (var channel in channels)
            {
                WriteSubframe(channel.AsSpan(0, n), _bitsPerSample);
            }
        }

        _writer.AlignToByte();
        _writer.Write(FlacCrc.Crc16(_writer.Written), 16);
        _writer.AlignToByte();
        return _writer.Written;
    }

    /// <summary>
    /// Picks independent, left/side, right/side or mid/side from the size each channel's second-order difference
    /// would take (as ffmpeg does), so only the two chosen channels are analysed in full.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (uint Assignment, int[] First, int FirstBits, int[] Second, int SecondBits) ChooseStereo(int[] left, int[] right, int n)
    {
        // Sums of |second difference| of left, right, mid and side; per lane they stay far below int's range
        // (4096 / 8 values of at most 2^19 each for 16-bit audio, and the scalar path takes 24-bit audio).
        var width = Vector<int>.Count;
        var (vl, vr, vm, vs) = (Vector<int>.Zero, Vector<int>.Zero, Vector<int>.Zero, Vector<int>.Zero);
        var i = 2;
        if (_bitsPerSample <= 16)
        {
            for (; i + width <= n; i += width)
            {
                var l = new Vector<int>(left, i) - 2 * new Vector<int>(left, i - 1) + new Vector<int>(left, i - 2);
                var r = new Vector<int>(right, i) - 2 * new Vector<int>(right, i - 1) + new Vector<int>(right, i - 2);
                vl += Vector.Abs(l);
                vr += Vector.Abs(r);
                vm += Vector.Abs(Vector.ShiftRightArithmetic(l + r, 1));
                vs += Vector.Abs(l - r);
            }
        }

        ulong sumLeft = (ulong)Vector.Sum(vl), sumRight = (ulong)Vector.Sum(vr), sumMid = (ulong)Vector.Sum(vm), sumSide = (ulong)Vector.Sum(vs);
        for (; i < n; i++)
        {
            var l = (long)left[i] - 2L * left[i - 1] + left[i - 2];
            var r = (long)right[i] - 2L * right[i - 1] + right[i - 2];
            sumLeft += (ulong)Math.Abs(l);
            sumRight += (ulong)Math.Abs(r);
            sumMid += (ulong)Math.Abs((l + r) >> 1);
            sumSide += (ulong)Math.Abs(l - r);
        }

        var (bl, br, bm, bs) = (Estimate(sumLeft, n), Estimate(sumRight, n), Estimate(sumMid, n), Estimate(sumSide, n));
        var best = Math.Min(Math.Min(bl + br, bl + bs), Math.Min(br + bs, bm + bs));
        var side = _bitsPerSample + 1;
        if (best != bl + br)
        {
            var j = 0;
            for (; j + width <= n; j += width)
            {
                var (l, r) = (new Vector<int>(left, j), new Vector<int>(right, j));
                Vector.ShiftRightArithmetic(l + r, 1).CopyTo(_mid, j);
                (l - r).CopyTo(_side, j);
            }

            for (; j < n; j++)
            {
                _mid[j] = (left[j] + right[j]) >> 1;
                _side[j] = left[j] - right[j];
            }
        }

        return best == bl + br ? (1u, left, _bitsPerSample, right, _bitsPerSample)
            : best == bl + bs ? (8u, left, _bitsPerSample, _side, side)
            : best == br + bs ? (9u, _side, side, right, _bitsPerSample)
            : (10u, _mid, _bitsPerSample, _side, side);
    }

    /// <summary>Rice-coded size of n values summing to <paramref name="sum"/> (the rough estimate is enough to compare).</summary>
    private static long Estimate(ulong sum, int n)
    {
        var k = sum <= (ulong)n ? 0 : System.Numerics.BitOperations.Log2(sum / (ulong)n);
        return (long)n * (k + 1) + (long)(sum >> k);
    }

    private void WriteSubframe(ReadOnlySpan<int> x, int bits)
    {
        var n = x.Length;
        if (!x.ContainsAnyExcept(x[0]))
        {
            _writer.Write(SubframeConstant, 8);
            _writer.WriteSigned(x[0], bits);
            return;
        }

        if (n >= MinLpcBlock && TryWriteLpc(x, bits))
        {
            return;
        }

        _writer.Write(SubframeVerbatim, 8);
        foreach (var sample in x)
        {
            _writer.WriteSigned(sample, bits);
        }
    }

    /// <summary>Writes an LPC subframe if it is smaller than the verbatim one.</summary>
    private bool TryWriteLpc(ReadOnlySpan<int> x, int bits)
    {
        var n = x.Length;
        var window = n == BlockSize ? _window : FlacLpc.WelchWindow(n);
        FlacLpc.Autocorrelate(x, window, _windowed, _autoc);
        var order = FlacLpc.Solve(_autoc, _coefs);
        var q = _quantized.AsSpan(0, order);
        FlacLpc.Quantize(_coefs.AsSpan((order - 1) * FlacLpc.MaxOrder, order), q, out var shift);
        var folded = _folded.AsSpan(0, n);
        if (FlacLpc.Residual(x, q, shift, _windowed, folded) is not { } bound)
        {
            return false;
        }

        var size = order * bits + 4 + 5 + order * FlacLpc.Precision + _rice.Plan(folded, n, order, bound);
        if (size >= (long)n * bits)
        {
            return false;
        }

        _writer.Write((0x20u | (uint)(order - 1)) << 1, 8);
        foreach (var warmUp in x[..order])
        {
            _writer.WriteSigned(warmUp, bits);
        }

        _writer.Write(FlacLpc.Precision - 1, 4);
        _writer.WriteSigned(shift, 5);
        foreach (var coefficient in q)
        {
            _writer.WriteSigned(coefficient, FlacLpc.Precision);
        }

        _rice.Write(_writer, folded, n, order);
        return true;
    }

    private void WriteHeader(int n, uint assignment, long frameNumber)
    {
        // Sync code, then "fixed block size" (frames are numbered, not samples).
        _writer.Write(0xFFF8, 16);
        var blockCode = n == BlockSize ? 12u : n <= 256 ? 6u : 7u;
        _writer.Write(blockCode, 4);
        _writer.Write((uint)_sampleRateCode, 4);
        _writer.Write(assignment, 4);
        _writer.Write((uint)_sampleSizeCode, 3);
        _writer.Write(0, 1);
        WriteUtf8(frameNumber);
        if (blockCode == 6)
        {
            _writer.Write((uint)n - 1, 8);
        }
        else if (blockCode == 7)
        {
            _writer.Write((uint)n - 1, 16);
        }

        _writer.AlignToByte();
        _writer.Write(FlacCrc.Crc8(_writer.Written), 8);
    }

    /// <summary>The frame number in FLAC's extended UTF-8 (up to 36 bits in 7 bytes).</summary>
    private void WriteUtf8(long value)
    {
        if (value < 0x80)
        {
            _writer.Write((uint)value, 8);
            return;
        }

        var continuation = value < 0x800 ? 1 : value < 0x10000 ? 2 : value < 0x200000 ? 3 : value < 0x4000000 ? 4 : value < 0x80000000 ? 5 : 6;
        var lead = (0xFF00u >> (continuation + 1)) & 0xFF;
        _writer.Write(lead | (uint)(value >> (6 * continuation)), 8);
        for (var i = continuation - 1; i >= 0; i--)
        {
            _writer.Write(0x80u | (uint)((value >> (6 * i)) & 0x3F), 8);
        }
    }

    // Rates with their own 4-bit code; any other is read from STREAMINFO (code 0).
    private static int SampleRateCode(int rate) => rate switch
    {
        88200 => 1,
        176400 => 2,
        192000 => 3,
        8000 => 4,
        16000 => 5,
        22050 => 6,
        24000 => 7,
        32000 => 8,
        44100 => 9,
        48000 => 10,
        96000 => 11,
        _ => 0,
    };
}

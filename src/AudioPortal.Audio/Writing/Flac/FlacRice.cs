using System.Numerics;
using System.Runtime.CompilerServices;

namespace AudioPortal.Audio.Writing.Flac;

/// <summary>
/// The residual coding of a subframe: the block is cut into 2^order partitions, each with its own Rice parameter;
/// the partition order (up to 8, as <c>flac -5</c>) and the parameters are chosen from per-partition sums.
/// </summary>
internal sealed class FlacRice
{
    private const int MaxPartitionOrder = 8;
    private const int MaxRiceParameter = 14;  // 4-bit parameters; 15 is the escape code
    private const int MaxRice2Parameter = 30; // 5-bit parameters (method 1); 31 is the escape code

    // Sums of every partition at every order: order o's 2^o sums start at index 2^o (a heap layout).
    private readonly ulong[] _sums = new ulong[2 << MaxPartitionOrder];
    private readonly int[] _parameters = new int[1 << MaxPartitionOrder];
    private int _partitionOrder;
    private bool _rice2;

    /// <summary>
    /// Chooses the partitioning for the residual <paramref name="folded"/> (at sample indices; zeros below
    /// <paramref name="order"/>) and returns its size in bits — an upper bound, exact but for the rounding of each
    /// partition's remainders. <paramref name="bound"/> is at least the largest value (it lets the sums run in 32 bits).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public long Plan(ReadOnlySpan<uint> folded, int blockSize, int order, uint bound)
    {
        var maxOrder = MaxPartitionOrder;
        while (maxOrder > 0 && ((blockSize & ((1 << maxOrder) - 1)) != 0 || (blockSize >> maxOrder) <= order))
        {
            maxOrder--;
        }

        var partitions = 1 << maxOrder;
        var size = blockSize >> maxOrder;
        var narrow = bound <= uint.MaxValue / (uint)size; // no partition's sum can overflow 32 bits
        for (var p = 0; p < partitions; p++)
        {
            var part = folded.Slice(p * size, size);
            _sums[partitions + p] = narrow ? NarrowSum(part) : WideSum(part);
        }

        // Coarser partitionings add neighbouring sums; keep the order with the smallest size.
        var bestBits = long.MaxValue;
        for (var po = maxOrder; po >= 0; po--)
        {
            var count = 1 << po;
            var bits = Bits(po, blockSize, order, out _);
            if (bits < bestBits)
            {
                bestBits = bits;
                _partitionOrder = po;
            }

            for (var p = 0; p < count / 2; p++)
            {
                _sums[count / 2 + p] = _sums[count + 2 * p] + _sums[count + 2 * p + 1];
            }
        }

        return Bits(_partitionOrder, blockSize, order, out _rice2, _parameters);
    }

    /// <summary>Writes the residual as planned by the last <see cref="Plan"/>.</summary>
    public void Write(FlacBitWriter writer, ReadOnlySpan<uint> folded, int blockSize, int order)
    {
        writer.Write(_rice2 ? 1u : 0u, 2);
        writer.Write((uint)_partitionOrder, 4);
        var size = blockSize >> _partitionOrder;
        for (var p = 0; p < 1 << _partitionOrder; p++)
        {
            var start = p == 0 ? order : p * size;
            writer.Write((uint)_parameters[p], _rice2 ? 5 : 4);
            writer.WriteRice(folded[start..((p + 1) * size)], _parameters[p]);
        }
    }

    private static ulong NarrowSum(ReadOnlySpan<uint> values)
    {
        var width = Vector<uint>.Count;
        var acc = Vector<uint>.Zero;
        var i = 0;
        for (; i + width <= values.Length; i += width)
        {
            acc += new Vector<uint>(values.Slice(i, width));
        }

        var sum = Vector.Sum(acc);
        for (; i < values.Length; i++)
        {
            sum += values[i];
        }

        return sum;
    }

    private static ulong WideSum(ReadOnlySpan<uint> values)
    {
        ulong sum = 0;
        foreach (var v in values)
        {
            sum += v;
        }

        return sum;
    }

    /// <summary>The size of partition order <paramref name="po"/> with each partition's best parameter (stored if asked).</summary>
    private long Bits(int po, int blockSize, int order, out bool rice2, Span<int> parameters = default)
    {
        var count = 1 << po;
        long bits = 2 + 4;
        rice2 = false;
        for (var p = 0; p < count; p++)
        {
            var n = (blockSize >> po) - (p == 0 ? order : 0);
            var sum = _sums[count + p];
            var k = Parameter(sum, n);
            rice2 |= k > MaxRiceParameter;
            // Σ(v >> k) ≤ (Σv) >> k, so this never undercounts.
            bits += (long)n * (k + 1) + (long)(sum >> k);
            if (!parameters.IsEmpty)
            {
                parameters[p] = k;
            }
        }

        return bits + ((long)(rice2 ? 5 : 4) << po);
    }

    /// <summary>The Rice parameter that about minimises the size of <paramref name="n"/> values summing to <paramref name="sum"/>.</summary>
    private static int Parameter(ulong sum, int n)
    {
        var half = (ulong)n / 2;
        if (n == 0 || sum <= half)
        {
            return 0;
        }

        return Math.Min(MaxRice2Parameter, BitOperations.Log2((sum - half) / (ulong)n));
    }
}

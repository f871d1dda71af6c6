using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AudioPortal.Audio.Writing.Flac;

/// <summary>
/// Linear prediction as <c>flac -5</c> does it: Welch-windowed autocorrelation, Levinson–Durbin up to order 8, the
/// order estimated from the reflection coefficients, coefficients quantised to 15 bits with error feedback.
/// </summary>
internal static class FlacLpc
{
    public const int MaxOrder = 8;

    /// <summary>
    /// Coefficient precision in bits: ffmpeg's 15 (libFLAC takes 12 for 4096-sample blocks). Steady tones predict
    /// far better with the finer coefficients: a third smaller on synthetic test tones, the same on noise and music.
    /// </summary>
    public const int Precision = 15;

    private const int MaxShift = 15;

    /// <summary>An order is worth its cost while its reflection coefficient is above this (ffmpeg's "estimate" method).</summary>
    private const double UsefulReflection = 0.10;

    public static double[] WelchWindow(int length)
    {
        var window = new double[length];
        var c = 2.0 / (length - 1.0);
        for (var i = 0; i < length; i++)
        {
            var w = c * i - 1.0;
            window[i] = 1.0 - w * w;
        }

        return window;
    }

    /// <summary>
    /// Autocorrelation of the windowed samples for lags 0..<see cref="MaxOrder"/>, in double precision: single
    /// precision (libFLAC's) blurs the predictors of steady tones — files a third bigger on synthetic test tones.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Autocorrelate(ReadOnlySpan<int> samples, ReadOnlySpan<double> window, Span<double> windowed, Span<double> autoc)
    {
        var n = samples.Length;
        var k = 0;
        for (; k < n; k++)
        {
            windowed[k] = samples[k] * window[k];
        }

        // One pass for all lags: each block of the signal is loaded once and meets its MaxOrder predecessors. Nine
        // named accumulators, so they stay in registers (MaxOrder is 8). A multiply then an add, not
        // Vector.FusedMultiplyAdd: where FMA is not in the instruction set compiled for (the native `audioportal`
        // targets x86-64-v2) it is emulated in software and made the whole FLAC encode 3× slower; with the JIT the
        // two take the same time, and the predictors no longer depend on whether the CPU has FMA.
        // Vector128, not Vector<T>: Vector<double> is 4 wide under the JIT on AVX2 but 2 wide in the native build, and
        // a different summation order changed a coefficient now and then, so the two builds wrote different bytes.
        var data = windowed[..n];
        var width = Vector128<double>.Count;
        Vector128<double> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default, a8 = default;
        var i = MaxOrder;
        for (; i + width <= n; i += width)
        {
            var current = Vector128.Create(data[i..]);
            a0 += current * current;
            a1 += current * Vector128.Create(data[(i - 1)..]);
            a2 += current * Vector128.Create(data[(i - 2)..]);
            a3 += current * Vector128.Create(data[(i - 3)..]);
            a4 += current * Vector128.Create(data[(i - 4)..]);
            a5 += current * Vector128.Create(data[(i - 5)..]);
            a6 += current * Vector128.Create(data[(i - 6)..]);
            a7 += current * Vector128.Create(data[(i - 7)..]);
            a8 += current * Vector128.Create(data[(i - 8)..]);
        }

        ReadOnlySpan<Vector128<double>> acc = [a0, a1, a2, a3, a4, a5, a6, a7, a8];
        for (var lag = 0; lag <= MaxOrder; lag++)
        {
            var sum = 1.0 + Vector128.Sum(acc[lag]); // a tiny bias keeps silence and near-silence well conditioned (as ffmpeg does)
            for (var j = lag; j < Math.Min(MaxOrder, n); j++)
            {
                sum += data[j] * data[j - lag]; // the head the vectors started after
            }

            for (var j = Math.Max(i, lag); j < n; j++)
            {
                sum += data[j] * data[j - lag]; // the tail that did not fill a vector
            }

            autoc[lag] = sum;
        }
    }

    /// <summary>
    /// Levinson–Durbin: predictor coefficients for every order 1..<see cref="MaxOrder"/> (row p-1 of
    /// <paramref name="coefs"/> holds order p, predicting x[i] from x[i-1]…x[i-p]). Returns the order it suggests.
    /// </summary>
    public static int Solve(ReadOnlySpan<double> autoc, Span<double> coefs)
    {
        var error = autoc[0];
        var best = 1;
        Span<double> previous = stackalloc double[MaxOrder];
        for (var i = 0; i < MaxOrder && error > 0; i++)
        {
            var acc = autoc[i + 1];
            for (var j = 0; j < i; j++)
            {
                acc -= previous[j] * autoc[i - j];
            }

            var k = acc / error;
            var row = coefs.Slice(i * MaxOrder, MaxOrder);
            row[i] = k;
            for (var j = 0; j < i; j++)
            {
                row[j] = previous[j] - k * previous[i - 1 - j];
            }

            row[..(i + 1)].CopyTo(previous);
            error *= 1.0 - k * k;
            if (Math.Abs(k) > UsefulReflection)
            {
                best = i + 1;
            }
        }

        return best;
    }

    /// <summary>Quantises <paramref name="coefs"/> to <see cref="Precision"/>-bit integers scaled by 2^shift.</summary>
    public static void Quantize(ReadOnlySpan<double> coefs, Span<int> quantized, out int shift)
    {
        var max = 0.0;
        foreach (var c in coefs)
        {
            max = Math.Max(max, Math.Abs(c));
        }

        const int limit = (1 << (Precision - 1)) - 1;
        shift = MaxShift;
        while (shift > 0 && max * (1 << shift) > limit)
        {
            shift--;
        }

        // A coefficient too large for the precision even unshifted: scale all down (negative shifts are not allowed).
        var scale = shift == 0 && max > limit ? limit / max : 1.0;
        var error = 0.0;
        for (var i = 0; i < coefs.Length; i++)
        {
            error += coefs[i] * scale * (1 << shift);
            quantized[i] = Math.Clamp((int)Math.Round(error), -limit, limit);
            error -= quantized[i];
        }
    }

    /// <summary>
    /// Residual of the quantised predictor, zigzag-folded (0, -1, 1, -2… → 0, 1, 2, 3…), at the samples' own
    /// indices: <paramref name="folded"/>[i] for i ≥ order, zeros below. Returns the OR of all values (a bound on the
    /// largest), or null when a residual does not fit in 31 bits (the caller then writes the samples verbatim).
    /// </summary>
    public static uint? Residual(ReadOnlySpan<int> x, ReadOnlySpan<int> q, int shift, Span<double> scratch, Span<uint> folded)
    {
        folded[..q.Length].Clear();
        long coefficients = 0;
        foreach (var c in q)
        {
            coefficients += Math.Abs(c);
        }

        // 32-bit integers when no prediction sum (≤ Σ|q|·peak) and no residual can overflow them; exact doubles otherwise.
        long peak = Peak(x);
        var sum = coefficients * peak;
        return sum <= int.MaxValue && peak + (sum >> shift) < 1 << 30
            ? ResidualInt32(x, q, shift, folded)
            : ResidualDouble(x, q, shift, scratch, folded);
    }

    private static int Peak(ReadOnlySpan<int> x)
    {
        var width = Vector<int>.Count;
        var max = Vector<int>.Zero;
        var i = 0;
        for (; i + width <= x.Length; i += width)
        {
            max = Vector.Max(max, Vector.Abs(new Vector<int>(x.Slice(i, width))));
        }

        var peak = 0;
        for (var j = 0; j < width; j++)
        {
            peak = Math.Max(peak, max[j]);
        }

        for (; i < x.Length; i++)
        {
            peak = Math.Max(peak, Math.Abs(x[i]));
        }

        return peak;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static uint ResidualInt32(ReadOnlySpan<int> x, ReadOnlySpan<int> q, int shift, Span<uint> folded)
    {
        var order = q.Length;
        var n = x.Length;
        var width = Vector<int>.Count;
        Span<Vector<int>> coef = stackalloc Vector<int>[MaxOrder];
        for (var j = 0; j < order; j++)
        {
            coef[j] = new Vector<int>(q[j]);
        }

        var all = Vector<uint>.Zero;
        var i = order;
        for (; i + width <= n; i += width)
        {
            var acc = Vector<int>.Zero;
            for (var j = 0; j < order; j++)
            {
                acc += coef[j] * new Vector<int>(x.Slice(i - 1 - j, width));
            }

            var r = new Vector<int>(x.Slice(i, width)) - Vector.ShiftRightArithmetic(acc, shift);
            var z = Vector.AsVectorUInt32(Vector.ShiftLeft(r, 1) ^ Vector.ShiftRightArithmetic(r, 31));
            z.CopyTo(folded.Slice(i, width));
            all |= z;
        }

        var bits = 0u;
        for (var j = 0; j < width; j++)
        {
            bits |= all[j];
        }

        for (; i < n; i++)
        {
            var acc = 0;
            for (var j = 0; j < order; j++)
            {
                acc += q[j] * x[i - 1 - j];
            }

            var r = x[i] - (acc >> shift);
            folded[i] = (uint)(r << 1) ^ (uint)(r >> 31);
            bits |= folded[i];
        }

        return bits;
    }

    /// <summary>
    /// The residual in double precision, which is exact here: products are below 2^39 and sums below 2^42 (24-bit side
    /// channels and 15-bit coefficients), far inside a double's 53 bits; the shift is a floor of a power-of-two scale.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static uint? ResidualDouble(ReadOnlySpan<int> x, ReadOnlySpan<int> q, int shift, Span<double> samples, Span<uint> folded)
    {
        var order = q.Length;
        var n = x.Length;
        for (var k = 0; k < n; k++)
        {
            samples[k] = x[k];
        }

        var width = Vector<double>.Count;
        Span<Vector<double>> coef = stackalloc Vector<double>[MaxOrder];
        for (var j = 0; j < order; j++)
        {
            coef[j] = new Vector<double>(q[j]);
        }

        var scale = new Vector<double>(1.0 / (1L << shift));
        var limit = new Vector<double>(1 << 30);
        var i = order;
        for (; i + width <= n; i += width)
        {
            var acc = Vector<double>.Zero;
            for (var j = 0; j < order; j++)
            {
                acc = Vector.FusedMultiplyAdd(coef[j], new Vector<double>(samples.Slice(i - 1 - j, width)), acc);
            }

            var r = new Vector<double>(samples.Slice(i, width)) - Vector.Floor(acc * scale);
            if (!Vector.LessThanAll(Vector.Abs(r), limit))
            {
                return null;
            }

            for (var l = 0; l < width; l++)
            {
                var v = (int)r[l];
                folded[i + l] = (uint)(v << 1) ^ (uint)(v >> 31);
            }
        }

        for (; i < n; i++)
        {
            double acc = 0;
            for (var j = 0; j < order; j++)
            {
                acc += (double)q[j] * samples[i - 1 - j];
            }

            var r = x[i] - Math.Floor(acc / (1L << shift));
            if (Math.Abs(r) >= 1 << 30)
            {
                return null;
            }

            var v = (int)r;
            folded[i] = (uint)(v << 1) ^ (uint)(v >> 31);
        }

        var bits = 0u;
        foreach (var f in folded[order..n])
        {
            bits |= f;
        }

        return bits;
    }
}

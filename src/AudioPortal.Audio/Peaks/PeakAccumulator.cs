namespace AudioPortal.Audio.Peaks;

/// <summary>Folds sample frames into <c>count</c> buckets of max |sample| (0–1) by their position in the whole source.</summary>
internal sealed class PeakAccumulator(int count, long totalFrames)
{
    private readonly float[] _peaks = new float[count];
    private long _frame;

    /// <summary>Adds one frame's loudest channel magnitude.</summary>
    public void Add(float magnitude)
    {
        var bucket = totalFrames <= 0 ? 0 : (int)Math.Min(count - 1, _frame * count / totalFrames);
        var m = Math.Min(1f, Math.Abs(magnitude));
        if (m > _peaks[bucket])
        {
            _peaks[bucket] = m;
        }

        _frame++;
    }

    public float[] Result() => _peaks;
}

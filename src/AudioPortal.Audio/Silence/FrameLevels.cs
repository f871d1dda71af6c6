namespace AudioPortal.Audio.Silence;

/// <summary>
/// Folds a mono signal into 20 ms frames and keeps each frame's RMS level as one byte (0.5 dB steps down from
/// 0 dBFS; 255 is −127.5 dBFS or quieter). The median needs every frame before any silence can be judged, so the
/// bytes go to a scratch file (deleted on close) and a 256-bin histogram gives the median: memory stays flat
/// however long the file, and the read-back after the pass is 50 bytes per second of audio.
/// </summary>
internal sealed class FrameLevels : IDisposable
{
    public const int FramesPerSecond = 50;

    /// <summary>Quieter than this is silence in any file: under the dither of 16-bit audio.</summary>
    public const double AlwaysSilentDbfs = -90;

    private const int Steps = 256;
    private readonly long[] _histogram = new long[Steps];
    private readonly FileStream _levels;
    private readonly int _frameLength;
    private readonly int _analysisRate;
    private double _sum;
    private int _filled;
    private long _frames;

    /// <param name="analysisRate">The rate of the samples given to <see cref="Add"/> (the source's, or 16 kHz from ffmpeg).</param>
    public FrameLevels(int analysisRate, string? tempDirectory)
    {
        _analysisRate = analysisRate;
        _frameLength = Math.Max(1, (int)Math.Round(analysisRate / (double)FramesPerSecond));
        var path = Path.Combine(tempDirectory ?? Path.GetTempPath(), $"audioportal-levels-{Guid.NewGuid():N}.bin");
        _levels = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
    }

    /// <summary>Adds mono samples (−1…1).</summary>
    public void Add(ReadOnlySpan<float> mono)
    {
        var sum = _sum;
        var filled = _filled;
        foreach (var s in mono)
        {
            sum += s * s;
            if (++filled == _frameLength)
            {
                Close(sum / filled);
                sum = 0;
                filled = 0;
            }
        }

        _sum = sum;
        _filled = filled;
    }

    /// <summary>Ends the pass and finds the silences, in samples of a source at <paramref name="sourceRate"/>.</summary>
    public SilenceMap Finish(SilenceSettings settings, int sourceRate, long totalSamples)
    {
        if (_filled > 0)
        {
            Close(_sum / _filled);
            _filled = 0;
        }

        var median = MedianDbfs();
        var threshold = Math.Max(median + settings.ThresholdDb, Math.Max(settings.FloorDbfs ?? double.NegativeInfinity, AlwaysSilentDbfs));
        var minFrames = (int)Math.Ceiling(settings.MinSilenceMs * FramesPerSecond / 1000.0);
        var silences = new List<SilenceSpan>();
        _levels.Position = 0;
        var buffer = new byte[1 << 16];
        long frame = 0, runStart = -1;
        int read;
        while ((read = _levels.Read(buffer)) > 0)
        {
            for (var i = 0; i < read; i++, frame++)
            {
                var quiet = -buffer[i] / 2.0 < threshold;
                if (quiet && runStart < 0)
                {
                    runStart = frame;
                }
                else if (!quiet && runStart >= 0)
                {
                    AddRun(silences, runStart, frame, minFrames, sourceRate, totalSamples);
                    runStart = -1;
                }
            }
        }

        if (runStart >= 0)
        {
            AddRun(silences, runStart, frame, minFrames, sourceRate, totalSamples);
        }

        return new SilenceMap(sourceRate, totalSamples, median, threshold, silences);
    }

    public void Dispose() => _levels.Dispose();

    private void Close(double meanSquare)
    {
        var db = meanSquare > 0 ? 10 * Math.Log10(meanSquare) : double.NegativeInfinity;
        var step = (byte)Math.Clamp(Math.Round(-db * 2), 0, Steps - 1);
        _histogram[step]++;
        _levels.WriteByte(step);
        _frames++;
    }

    private double MedianDbfs()
    {
        long seen = 0;
        for (var step = 0; step < Steps; step++)
        {
            seen += _histogram[step];
            if (seen * 2 >= _frames && _frames > 0)
            {
                return -step / 2.0;
            }
        }

        return -(Steps - 1) / 2.0;
    }

    private void AddRun(List<SilenceSpan> silences, long from, long to, int minFrames, int sourceRate, long totalSamples)
    {
        if (to - from < minFrames)
        {
            return;
        }

        var start = ToSource(from, sourceRate);
        var end = Math.Min(totalSamples, ToSource(to, sourceRate));
        if (end > start)
        {
            silences.Add(new SilenceSpan(start, end));
        }
    }

    // Frame k starts at k × frameLength analysis samples; in the source's rate that is rescaled (exact when the rates match).
    private long ToSource(long frame, int sourceRate) =>
        (long)Math.Round((double)frame * _frameLength * sourceRate / _analysisRate);
}

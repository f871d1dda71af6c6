namespace AudioPortal.Cli;

/// <summary>Redraws one line: "[#########.........]  45%". Reports come from worker threads, hence the lock.</summary>
internal sealed class ProgressBar(TextWriter output) : IProgress<double>
{
    private const int Width = 30;
    private readonly Lock _lock = new();
    private int _last = -1;

    public void Report(double value)
    {
        var percent = (int)Math.Clamp(value, 0, 100);
        lock (_lock)
        {
            if (percent <= _last)
            {
                return;
            }

            _last = percent;
            var filled = percent * Width / 100;
            output.Write($"\r[{new string('#', filled)}{new string('.', Width - filled)}] {percent,3}%");
        }
    }
}

namespace AudioPortal.Cli;

/// <summary>
/// A split's progress. On a terminal, one line redrawn in place: "[#########.........]  45%". Redirected to a file
/// or a pipe (a pipeline's log), where a hundred redraws would pile up on one line, a plain line every 10 % instead.
/// Reports come from worker threads, hence the lock.
/// </summary>
internal sealed class ProgressBar(TextWriter output, bool redraw) : IProgress<double>
{
    private const int Width = 30;
    private readonly Lock _lock = new();
    private int _last = -1;

    /// <summary>Whether <paramref name="output"/> is the console of a terminal (not redirected).</summary>
    public static bool IsTerminal(TextWriter output) => ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;

    public void Report(double value)
    {
        var percent = (int)Math.Clamp(value, 0, 100);
        lock (_lock)
        {
            if (percent <= _last)
            {
                return;
            }

            if (redraw)
            {
                var filled = percent * Width / 100;
                output.Write($"\r[{new string('#', filled)}{new string('.', Width - filled)}] {percent,3}%");
            }
            else
            {
                for (var tenth = Math.Max(_last, 0) / 10 + 1; tenth <= percent / 10; tenth++)
                {
                    output.WriteLine($"{tenth * 10,3}% done");
                }
            }

            _last = percent;
        }
    }

    /// <summary>Ends the redrawn line, so what follows starts on its own.</summary>
    public void End()
    {
        if (redraw)
        {
            output.WriteLine();
        }
    }
}

namespace AudioPortal.Cli.Tests;

public sealed class ProgressBarTests
{
    [Fact]
    public void On_a_terminal_one_line_is_redrawn_and_ended_once()
    {
        var output = new StringWriter();
        var bar = new ProgressBar(output, redraw: true);

        bar.Report(0);
        bar.Report(50);
        bar.Report(100);
        bar.End();

        Assert.Equal(
            "\r[..............................]   0%\r[###############...............]  50%\r[##############################] 100%" + Environment.NewLine,
            output.ToString());
    }

    [Fact]
    public void Redirected_it_prints_a_line_for_each_tenth_passed_once_and_never_goes_back()
    {
        var output = new StringWriter();
        var bar = new ProgressBar(output, redraw: false);

        foreach (var value in new[] { 0, 3, 9.9, 10, 12, 8, 45, 45.5, 99, 100, 100 })
        {
            bar.Report(value);
        }

        bar.End();

        Assert.Equal(Enumerable.Range(1, 10).Select(t => $"{t * 10}% done"), output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
    }
}

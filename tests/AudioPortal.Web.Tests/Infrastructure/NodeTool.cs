using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace AudioPortal.Web.Tests.Infrastructure;

/// <summary>
/// A node server of the tests under tests/Tools (the SMTP sink, s3rver): installed with <c>npm ci</c> on first use,
/// started until it prints <c>listening &lt;port&gt;</c>, stopped by closing its stdin. Every wait is bounded and fails
/// with what the server printed, so a broken tool fails a test instead of hanging it.
/// </summary>
internal static class NodeTool
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(3);
    private static readonly SemaphoreSlim Install = new(1, 1);

    public static bool Installed(string folder, string package) => File.Exists(Path.Combine(folder, "node_modules", package, "package.json"));

    /// <summary>Runs <c>npm ci</c> in <paramref name="folder"/> once when <paramref name="package"/> is missing, bounded.</summary>
    public static async Task EnsureInstalledAsync(string folder, string package)
    {
        await Install.WaitAsync();
        try
        {
            if (!Installed(folder, package))
            {
                var (code, output) = await ApiTools.RunAsync("npm", ["ci", "--prefix", folder, "--no-audit", "--no-fund", "--loglevel=error"], folder, InstallTimeout);
                var relative = Path.GetRelativePath(ApiTools.RepositoryRoot, folder);
                Assert.True(code == 0 && Installed(folder, package), $"`npm ci --prefix {relative}` failed (exit {code}); run it by hand with access to the npm registry. {output}");
            }
        }
        finally
        {
            Install.Release();
        }
    }

    /// <summary>Starts <c>node</c> with <paramref name="arguments"/> in <paramref name="folder"/> and waits for the port it listens on.</summary>
    public static async Task<(Process Process, StringBuilder Errors, int Port)> StartAsync(string folder, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = folder, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in arguments)
        {
            start.ArgumentList.Add(arg);
        }

        var errors = new StringBuilder();
        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();

        var ready = process.StandardOutput.ReadLineAsync();
        var line = await Task.WhenAny(ready, Task.Delay(StartTimeout)) == ready ? await ready : null;
        if (line?.StartsWith("listening ", StringComparison.Ordinal) != true)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
            process.Dispose();
            Assert.Fail($"node {string.Join(' ', start.ArgumentList)} (in {folder}) did not report \"listening <port>\" within {StartTimeout.TotalSeconds} s; it printed: {line} {Text(errors)}");
        }

        return (process, errors, int.Parse(line!["listening ".Length..], CultureInfo.InvariantCulture));
    }

    /// <summary>Closes the server's stdin (its signal to stop) and waits up to 5 s before killing it.</summary>
    public static async Task StopAsync(Process process)
    {
        process.StandardInput.Close();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
    }

    public static string Text(StringBuilder errors)
    {
        lock (errors)
        {
            return errors.ToString().Trim();
        }
    }
}

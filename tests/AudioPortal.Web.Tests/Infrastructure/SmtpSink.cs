using System.Diagnostics;
using System.Globalization;
using System.Text;
using MimeKit;

namespace AudioPortal.Web.Tests.Infrastructure;

/// <summary>
/// A real SMTP server on 127.0.0.1: the node script tests/Tools/smtp-sink/sink.js (the npm package smtp-server),
/// started per test and stopped by closing its stdin. Each accepted message lands as a file in <see cref="Folder"/>.
/// Every wait here is bounded and fails with what the sink printed, so a broken sink fails a test instead of hanging it.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    /// <summary>How long a mail may take to arrive: the app sends from a background queue, normally within milliseconds.</summary>
    public static readonly TimeSpan ArrivalTimeout = TimeSpan.FromSeconds(20);

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(3);
    private static readonly SemaphoreSlim Install = new(1, 1);

    private readonly Process _process;
    private readonly StringBuilder _errors;

    private SmtpSink(Process process, StringBuilder errors, string folder, int port) => (_process, _errors, Folder, Port) = (process, errors, folder, port);

    public static string ToolFolder { get; } = Path.Combine(ApiTools.RepositoryRoot, "tests", "Tools", "smtp-sink");

    public static bool Installed => File.Exists(Path.Combine(ToolFolder, "node_modules", "smtp-server", "package.json"));

    public string Folder { get; }

    public int Port { get; }

    /// <summary>
    /// Starts the sink: <c>accept</c> takes every message; <c>refuse:N</c> answers the first N with 451 (<c>refuse:all</c>
    /// every one); <c>stall:N</c> never greets the first N connections. Installs its npm packages first when missing.
    /// </summary>
    public static async Task<SmtpSink> StartAsync(string mode = "accept")
    {
        await EnsureInstalledAsync();
        var folder = Path.Combine(Path.GetTempPath(), "audioportal-smtp-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("node") { WorkingDirectory = ToolFolder, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["sink.js", folder, mode])
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
            Assert.Fail($"smtp-sink (node {ToolFolder}/sink.js) did not report \"listening <port>\" within {StartTimeout.TotalSeconds} s; it printed: {line} {Text(errors)}");
        }

        return new SmtpSink(process, errors, folder, int.Parse(line!["listening ".Length..], CultureInfo.InvariantCulture));
    }

    /// <summary>The settings that send the app's mail here.</summary>
    public void Configure(AppFactory app)
    {
        app.Settings["Mail:Smtp:Host"] = "127.0.0.1";
        app.Settings["Mail:Smtp:Port"] = Port.ToString(CultureInfo.InvariantCulture);
        app.Settings["Mail:Smtp:Security"] = "None";
        app.Settings["Mail:Smtp:From"] = "portal@audio.example.com";
    }

    /// <summary>The messages received so far, oldest first.</summary>
    public List<MimeMessage> Messages() =>
        Directory.Exists(Folder) ? [.. Directory.GetFiles(Folder, "*.eml").Order(StringComparer.Ordinal).Select(f => MimeMessage.Load(f))] : [];

    public List<MimeMessage> To(string to) =>
        [.. Messages().Where(m => m.To.Mailboxes.Any(a => a.Address.Equals(to, StringComparison.OrdinalIgnoreCase)))];

    /// <summary>Waits (up to <see cref="ArrivalTimeout"/>) until a message to <paramref name="to"/> whose subject contains <paramref name="subject"/> arrived.</summary>
    public async Task<MimeMessage> WaitForAsync(string to, string subject)
    {
        var deadline = DateTime.UtcNow + ArrivalTimeout;
        while (true)
        {
            if (To(to).FirstOrDefault(m => m.Subject?.Contains(subject, StringComparison.Ordinal) == true) is { } found)
            {
                return found;
            }

            Assert.True(
                DateTime.UtcNow < deadline,
                $"No mail \"{subject}\" to {to} arrived within {ArrivalTimeout.TotalSeconds} s; received: [{string.Join(", ", Messages().Select(m => m.Subject))}]; sink errors: {Text(_errors)}");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        try
        {
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    /// <summary>
    /// Runs <c>npm ci</c> in the sink's folder once when its packages are missing (a fresh clone where nobody ran it),
    /// bounded, and fails with the way to do it by hand when it cannot.
    /// </summary>
    private static async Task EnsureInstalledAsync()
    {
        if (Installed)
        {
            return;
        }

        await Install.WaitAsync();
        try
        {
            if (Installed)
            {
                return;
            }

            var (code, output) = await ApiTools.RunAsync("npm", ["ci", "--prefix", ToolFolder, "--no-audit", "--no-fund", "--loglevel=error"], ToolFolder, InstallTimeout);
            Assert.True(code == 0 && Installed, $"`npm ci --prefix tests/Tools/smtp-sink` failed (exit {code}); run it by hand with access to the npm registry. {output}");
        }
        finally
        {
            Install.Release();
        }
    }

    private static string Text(StringBuilder errors)
    {
        lock (errors)
        {
            return errors.ToString().Trim();
        }
    }
}

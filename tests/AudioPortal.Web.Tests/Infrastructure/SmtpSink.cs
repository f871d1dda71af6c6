using System.Diagnostics;
using MimeKit;

namespace AudioPortal.Web.Tests.Infrastructure;

/// <summary>
/// A real SMTP server on 127.0.0.1: the node script tests/Tools/smtp-sink/sink.js (the npm package smtp-server),
/// started per test and stopped by closing its stdin. Each accepted message lands as a file in <see cref="Folder"/>.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly Process _process;

    private SmtpSink(Process process, string folder, int port) => (_process, Folder, Port) = (process, folder, port);

    public string Folder { get; }

    public int Port { get; }

    /// <summary>Starts the sink; with <paramref name="refuseAll"/> it answers every message with 451 (mail "down").</summary>
    public static async Task<SmtpSink> StartAsync(bool refuseAll = false)
    {
        var tool = Path.Combine(ApiTools.RepositoryRoot, "tests", "Tools", "smtp-sink");
        if (!Directory.Exists(Path.Combine(tool, "node_modules")))
        {
            var (code, output) = await ApiTools.RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], tool, TimeSpan.FromMinutes(3));
            Assert.True(code == 0, $"npm ci in {tool} failed: {output}");
        }

        var folder = Path.Combine(Path.GetTempPath(), "audioportal-smtp-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("node") { WorkingDirectory = tool, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["sink.js", folder, refuseAll ? "fail" : "accept"])
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(line?.StartsWith("listening ", StringComparison.Ordinal) == true, $"smtp-sink did not start: {line} {await process.StandardError.ReadToEndAsync()}");
        return new SmtpSink(process, folder, int.Parse(line!["listening ".Length..], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The settings that send the app's mail here.</summary>
    public void Configure(AppFactory app)
    {
        app.Settings["Mail:Smtp:Host"] = "127.0.0.1";
        app.Settings["Mail:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        app.Settings["Mail:Smtp:Security"] = "None";
        app.Settings["Mail:Smtp:From"] = "portal@audio.example.com";
    }

    /// <summary>The messages received so far, oldest first.</summary>
    public List<MimeMessage> Messages() =>
        Directory.Exists(Folder) ? [.. Directory.GetFiles(Folder, "*.eml").Order(StringComparer.Ordinal).Select(f => MimeMessage.Load(f))] : [];

    /// <summary>Waits (up to a minute: mail is sent by a background queue) until a message to <paramref name="to"/> matching <paramref name="subject"/> arrived.</summary>
    public async Task<MimeMessage> WaitForAsync(string to, string subject)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            if (To(to).FirstOrDefault(m => m.Subject?.Contains(subject, StringComparison.Ordinal) == true) is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No mail \"{subject}\" to {to} arrived; received: {string.Join(", ", Messages().Select(m => m.Subject))}");
            await Task.Delay(100);
        }
    }

    public List<MimeMessage> To(string to) =>
        [.. Messages().Where(m => m.To.Mailboxes.Any(a => a.Address.Equals(to, StringComparison.OrdinalIgnoreCase)))];

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(10_000))
        {
            _process.Kill();
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
}

/// <summary>
/// A fact that needs node (the SMTP sink): skipped with a hint when node is missing, unless
/// <c>AUDIOPORTAL_REQUIRE_NODE=1</c> (set by .ci/run), where it runs and fails.
/// </summary>
public sealed class NodeFactAttribute : FactAttribute
{
    private static readonly Lazy<bool> Available = new(() =>
    {
        try
        {
            using var node = Process.Start(new ProcessStartInfo("node", "--version") { RedirectStandardOutput = true });
            return node is not null && node.WaitForExit(10_000) && node.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    });

    public NodeFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("AUDIOPORTAL_REQUIRE_NODE") != "1" && !Available.Value)
        {
            Skip = "install Node.js (node and npm) for the SMTP tests (set AUDIOPORTAL_REQUIRE_NODE=1 to fail instead)";
        }
    }
}

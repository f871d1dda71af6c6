using System.Diagnostics;
using System.Globalization;
using System.Text;
using MimeKit;

namespace AudioPortal.Web.Tests.Infrastructure;

/// <summary>
/// A real SMTP server on 127.0.0.1: the node script tests/Tools/smtp-sink/sink.js (the npm package smtp-server),
/// started per test through <see cref="NodeTool"/>. Each accepted message lands as a file in <see cref="Folder"/>.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    /// <summary>How long a mail may take to arrive: the app sends from a background queue, normally within milliseconds.</summary>
    public static readonly TimeSpan ArrivalTimeout = TimeSpan.FromSeconds(20);

    private readonly Process _process;
    private readonly StringBuilder _errors;

    private SmtpSink(Process process, StringBuilder errors, string folder, int port) => (_process, _errors, Folder, Port) = (process, errors, folder, port);

    public static string ToolFolder { get; } = Path.Combine(ApiTools.RepositoryRoot, "tests", "Tools", "smtp-sink");

    public static bool Installed => NodeTool.Installed(ToolFolder, "smtp-server");

    public string Folder { get; }

    public int Port { get; }

    /// <summary>
    /// Starts the sink: <c>accept</c> takes every message; <c>refuse:N</c> answers the first N with 451 (<c>refuse:all</c>
    /// every one); <c>stall:N</c> never greets the first N connections. Installs its npm packages first when missing.
    /// </summary>
    public static async Task<SmtpSink> StartAsync(string mode = "accept")
    {
        await NodeTool.EnsureInstalledAsync(ToolFolder, "smtp-server");
        var folder = Path.Combine(Path.GetTempPath(), "audioportal-smtp-" + Guid.NewGuid().ToString("N"));
        var (process, errors, port) = await NodeTool.StartAsync(ToolFolder, ["sink.js", folder, mode]);
        return new SmtpSink(process, errors, folder, port);
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
                $"No mail \"{subject}\" to {to} arrived within {ArrivalTimeout.TotalSeconds} s; received: [{string.Join(", ", Messages().Select(m => m.Subject))}]; sink errors: {NodeTool.Text(_errors)}");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await NodeTool.StopAsync(_process);
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}

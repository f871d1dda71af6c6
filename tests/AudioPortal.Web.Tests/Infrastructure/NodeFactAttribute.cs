using System.ComponentModel;
using System.Diagnostics;

namespace AudioPortal.Web.Tests.Infrastructure;

/// <summary>
/// A fact that needs Node.js (the SMTP sink). Skipped with an install hint when <c>node</c> is missing, or when the
/// sink's npm packages are missing and <c>npm</c> is too (with npm the test installs them itself); in CI
/// (<c>CI=true</c>, or <c>AUDIOPORTAL_REQUIRE_NODE=1</c>) it never skips: it runs and fails.
/// </summary>
public sealed class NodeFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Reason = new(() =>
        !Runs("node") ? "node is not installed: install Node.js 20+ and npm for the SMTP mail tests"
        : !SmtpSink.Installed && !Runs("npm") ? "npm is not installed, so the SMTP sink's packages cannot be: install npm, or run `npm ci --prefix tests/Tools/smtp-sink`"
        : null);

    public NodeFactAttribute()
    {
        if (!Required && Reason.Value is { } reason)
        {
            Skip = reason + " (CI=true makes this a failure)";
        }
    }

    private static bool Required => ApiTools.Required || Environment.GetEnvironmentVariable("AUDIOPORTAL_REQUIRE_NODE") == "1";

    internal static bool Runs(string tool)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(tool, "--version") { RedirectStandardOutput = true, RedirectStandardError = true });
            return process is not null && process.WaitForExit(10_000) && process.ExitCode == 0;
        }
        catch (Win32Exception)
        {
            return false;
        }
    }
}

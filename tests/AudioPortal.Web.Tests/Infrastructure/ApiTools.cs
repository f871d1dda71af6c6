using System.Diagnostics;

namespace AudioPortal.Web.Tests.Infrastructure;

/// <summary>
/// The npm tools under <c>tools/api</c> (Spectral, newman), installed by <c>npm ci</c> there (.ci/run does it).
/// Outside CI a missing tool skips its test with the command that installs it; with <c>CI=true</c> it fails.
/// </summary>
public static class ApiTools
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Folder => Path.Combine(RepositoryRoot, "tools", "api");

    public static string? Find(string tool)
    {
        var path = Path.Combine(Folder, "node_modules", ".bin", tool);
        return File.Exists(path) ? path : null;
    }

    public static bool Required => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string? SkipReason(string tool) =>
        Required || Find(tool) is not null ? null : $"{tool} is not installed: run `npm ci` in tools/api (CI=true makes this a failure)";

    /// <summary>Runs a command to its end (bounded), returning its exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(
        string file, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(file)} did not finish within {timeout.TotalSeconds} s:\n{await stdout}\n{await stderr}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AudioPortal.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("AudioPortal.sln not found above the test binaries.");
    }
}

/// <summary>A fact that needs an npm tool from <c>tools/api</c>; see <see cref="ApiTools"/>.</summary>
public sealed class ApiToolFactAttribute(string tool) : FactAttribute
{
    /// <summary>The test also runs a job, so it needs ffmpeg (see <see cref="FfmpegAvailability"/>).</summary>
    public bool NeedsFfmpeg { get; init; }

    public override string? Skip
    {
        get => base.Skip ?? ApiTools.SkipReason(tool) ?? (NeedsFfmpeg ? FfmpegAvailability.SkipReason : null);
        set => base.Skip = value;
    }
}

using System.Diagnostics;
using System.Text;

namespace AudioPortal.Cli.Tests;

/// <summary>
/// The native <c>audioportal</c>, published once for the test class exactly as the README says (Native AOT), into a
/// temp folder with its own build artifacts so it never touches the source tree's bin/ and obj/ that other test
/// projects are running from. Takes 20–60 s; a failed publish fails every test with the compiler's output.
/// </summary>
public sealed class NativeCli : IAsyncLifetime
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "audioportal-native-" + Guid.NewGuid().ToString("N"));

    public string Executable => Path.Combine(_work, "bin", "audioportal");

    public async Task InitializeAsync()
    {
        var project = Path.Combine(AppConfiguration.FindRoot(), "src", "AudioPortal.Cli");
        var publish = await RunAsync("dotnet", TimeSpan.FromMinutes(10),
            "publish", project, "-c", "Release", "-o", Path.Combine(_work, "bin"),
            "--artifacts-path", Path.Combine(_work, "artifacts"), "--disable-build-servers", "-nologo");
        Assert.True(publish.ExitCode == 0 && File.Exists(Executable), $"dotnet publish failed:\n{publish.Out}\n{publish.Error}");
    }

    public Task<ProcessResult> RunAsync(params string[] args) => RunAsync(Executable, TimeSpan.FromMinutes(2), args);

    /// <summary>Starts the binary without waiting for it (output discarded).</summary>
    public Process Start(params string[] args)
    {
        var info = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Runs a process to its end (killed after <paramref name="timeout"/>), with its output.</summary>
    public static async Task<ProcessResult> RunAsync(string fileName, TimeSpan timeout, params string[] args)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // A build started from inside `dotnet test` must not leave MSBuild nodes behind holding our pipes open.
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        using var process = Process.Start(info)!;
        var output = new StringBuilder();
        var error = new StringBuilder();
        process.OutputDataReceived += (_, e) => output.AppendLine(e.Data);
        process.ErrorDataReceived += (_, e) => error.AppendLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', args)} ran over {timeout}:\n{output}\n{error}");
        }

        return new ProcessResult(process.ExitCode, output.ToString(), error.ToString());
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }

        return Task.CompletedTask;
    }
}

public sealed record ProcessResult(int ExitCode, string Out, string Error);

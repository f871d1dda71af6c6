using System.Diagnostics;
using System.Globalization;
using System.Text;
using Amazon.S3;
using AudioPortal.Core.Storage.S3;

namespace AudioPortal.Web.Tests.Infrastructure;

/// <summary>
/// A real S3-compatible server on 127.0.0.1: the node script tests/Tools/s3rver/server.js (the npm package s3rver) with
/// one empty bucket, started per fixture and stopped by closing its stdin. Every wait is bounded and fails with what
/// the server printed.
/// </summary>
public sealed class S3rver : IAsyncDisposable
{
    public const string Bucket = "audioportal-test";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(3);
    private static readonly SemaphoreSlim Install = new(1, 1);

    private readonly Process _process;
    private readonly StringBuilder _errors;
    private readonly string _folder;

    private S3rver(Process process, StringBuilder errors, string folder, int port) => (_process, _errors, _folder, Port) = (process, errors, folder, port);

    public static string ToolFolder { get; } = Path.Combine(ApiTools.RepositoryRoot, "tests", "Tools", "s3rver");

    public static bool Installed => File.Exists(Path.Combine(ToolFolder, "node_modules", "s3rver", "package.json"));

    public int Port { get; }

    /// <summary>The settings that keep the app's blobs in this server's bucket.</summary>
    public S3StorageOptions Options => new()
    {
        Bucket = Bucket, ServiceUrl = $"http://127.0.0.1:{Port}", ForcePathStyle = true, AccessKey = "S3RVER", SecretKey = "S3RVER",
    };

    public static async Task<S3rver> StartAsync()
    {
        await EnsureInstalledAsync();
        var folder = Path.Combine(Path.GetTempPath(), "audioportal-s3rver-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var start = new ProcessStartInfo("node") { WorkingDirectory = ToolFolder, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        // s3rver makes listing continuation tokens with DES, which OpenSSL 3 keeps in its legacy provider.
        foreach (var arg in (string[])["--openssl-legacy-provider", "server.js", folder, Bucket])
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
            Assert.Fail($"s3rver (node {ToolFolder}/server.js) did not report \"listening <port>\" within {StartTimeout.TotalSeconds} s; it printed: {line} {errors}");
        }

        return new S3rver(process, errors, folder, int.Parse(line!["listening ".Length..], CultureInfo.InvariantCulture));
    }

    public void Configure(AppFactory app)
    {
        var options = Options;
        app.Settings["Storage:Provider"] = "S3";
        app.Settings["Storage:S3:Bucket"] = options.Bucket;
        app.Settings["Storage:S3:ServiceUrl"] = options.ServiceUrl;
        app.Settings["Storage:S3:ForcePathStyle"] = "true";
        app.Settings["Storage:S3:AccessKey"] = options.AccessKey;
        app.Settings["Storage:S3:SecretKey"] = options.SecretKey;
    }

    public AmazonS3Client Client() => Options.CreateClient();

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
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Runs <c>npm ci</c> in the tool's folder once when its packages are missing, bounded.</summary>
    private static async Task EnsureInstalledAsync()
    {
        await Install.WaitAsync();
        try
        {
            if (!Installed)
            {
                var (code, output) = await ApiTools.RunAsync("npm", ["ci", "--prefix", ToolFolder, "--no-audit", "--no-fund", "--loglevel=error"], ToolFolder, InstallTimeout);
                Assert.True(code == 0 && Installed, $"`npm ci --prefix tests/Tools/s3rver` failed (exit {code}); run it by hand with access to the npm registry. {output}");
            }
        }
        finally
        {
            Install.Release();
        }
    }
}

/// <summary>
/// A test that needs the s3rver (node and npm); skipped with the way to install them outside CI, a failure when
/// <c>CI=true</c> or <c>AUDIOPORTAL_REQUIRE_S3=1</c>.
/// </summary>
public sealed class S3FactAttribute : FactAttribute
{
    public S3FactAttribute() => Skip = SkipReason;

    internal static string? SkipReason =>
        ApiTools.Required || Environment.GetEnvironmentVariable("AUDIOPORTAL_REQUIRE_S3") == "1" ? null
        : !NodeFactAttribute.Runs("node") || (!S3rver.Installed && !NodeFactAttribute.Runs("npm"))
            ? "node and npm are needed for the S3 storage tests: install Node.js 20+, then `npm ci --prefix tests/Tools/s3rver` (AUDIOPORTAL_REQUIRE_S3=1 makes this a failure)"
        : null;
}

/// <summary>An <see cref="S3FactAttribute"/> test that also runs ffmpeg.</summary>
public sealed class S3FfmpegFactAttribute : FactAttribute
{
    public S3FfmpegFactAttribute() => Skip = S3FactAttribute.SkipReason ?? AudioPortal.TestSupport.FfmpegAvailability.SkipReason;
}

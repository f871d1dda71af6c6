using System.Diagnostics;
using Amazon.S3;
using AudioPortal.Core.Storage.S3;

namespace AudioPortal.Web.Tests.Infrastructure;

/// <summary>
/// A real S3-compatible server on 127.0.0.1: the node script tests/Tools/s3rver/server.js (the npm package s3rver) with
/// one empty bucket, started per test through <see cref="NodeTool"/>.
/// </summary>
public sealed class S3rver : IAsyncDisposable
{
    public const string Bucket = "audioportal-test";

    private readonly Process _process;
    private readonly string _folder;

    private S3rver(Process process, string folder, int port) => (_process, _folder, Port) = (process, folder, port);

    public static string ToolFolder { get; } = Path.Combine(ApiTools.RepositoryRoot, "tests", "Tools", "s3rver");

    public static bool Installed => NodeTool.Installed(ToolFolder, "s3rver");

    public int Port { get; }

    /// <summary>The settings that keep the app's blobs in this server's bucket.</summary>
    public S3StorageOptions Options => new()
    {
        Bucket = Bucket, ServiceUrl = $"http://127.0.0.1:{Port}", ForcePathStyle = true, AccessKey = "S3RVER", SecretKey = "S3RVER",
    };

    public static async Task<S3rver> StartAsync()
    {
        await NodeTool.EnsureInstalledAsync(ToolFolder, "s3rver");
        var folder = Path.Combine(Path.GetTempPath(), "audioportal-s3rver-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);

        // s3rver makes listing continuation tokens with DES, which OpenSSL 3 keeps in its legacy provider.
        var (process, _, port) = await NodeTool.StartAsync(ToolFolder, ["--openssl-legacy-provider", "server.js", folder, Bucket]);
        return new S3rver(process, folder, port);
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
        await NodeTool.StopAsync(_process);
        Directory.Delete(_folder, recursive: true);
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

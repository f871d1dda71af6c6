using System.Net.Http.Json;
using System.Text.Json;
using AudioPortal.Web.Tests.Infrastructure;
using AudioPortal.Web.Tests.Splits;

namespace AudioPortal.Web.Tests.Operations;

/// <summary>The clients shipped in docs/clients run against a server on 127.0.0.1: the Postman collection (newman) and the examples.</summary>
public sealed class ClientExamplesTests(SplitsAppFactory app) : IClassFixture<SplitsAppFactory>
{
    private static string Clients => Path.Combine(ApiTools.RepositoryRoot, "docs", "clients");

    [ApiToolFact("newman", NeedsFfmpeg = true)]
    public async Task The_postman_collection_passes_under_newman()
    {
        var (baseUrl, key, token) = await CredentialsAsync();
        using var work = new TempFolder();
        await File.WriteAllBytesAsync(Path.Combine(work.Path, "tone.wav"), TestWav.Sine(5));

        var (exitCode, output) = await ApiTools.RunAsync(ApiTools.Find("newman")!,
            ["run", Path.Combine(Clients, "AudioPortal.postman_collection.json"), "-e", Path.Combine(Clients, "AudioPortal.postman_environment.json"),
             "--env-var", $"baseUrl={baseUrl}", "--env-var", $"apiKey={key}", "--env-var", $"jwtToken={token}",
             "--working-dir", work.Path, "--delay-request", "200", "--timeout-request", "30000", "--disable-unicode", "--color", "off"],
            work.Path, TimeSpan.FromSeconds(90));

        Assert.True(exitCode == 0, output);
        Assert.Contains("JOB_NOT_FOUND", File.ReadAllText(Path.Combine(Clients, "AudioPortal.postman_collection.json")));
    }

    [ExampleFact("bash", "jq", "curl", "openssl")]
    public Task The_curl_example_uploads_polls_downloads_and_verifies_a_webhook_signature() => RunExampleAsync("bash", "upload.sh");

    [ExampleFact("python3", PythonModule = "requests")]
    public Task The_python_example_uploads_polls_downloads_and_verifies_a_webhook_signature() => RunExampleAsync("python3", "upload.py");

    [ExampleFact("node")]
    public Task The_node_example_uploads_polls_downloads_and_verifies_a_webhook_signature() => RunExampleAsync("node", "upload.mjs");

    private async Task RunExampleAsync(string runtime, string script)
    {
        var (baseUrl, key, _) = await CredentialsAsync();
        using var work = new TempFolder();
        var audio = Path.Combine(work.Path, "tone.wav");
        await File.WriteAllBytesAsync(audio, TestWav.Sine(5));

        // A body signed by the server's own signer, as a receiver gets it.
        const string secret = "whsec_0123456789abcdef0123456789abcdef0123456789abcdef";
        var body = """{"event":"job.completed","jobId":"job_x","timestamp":"2026-03-29T10:00:00Z","data":{"status":"completed"}}"""u8.ToArray();
        await File.WriteAllBytesAsync(Path.Combine(work.Path, "body.json"), body);
        var environment = new Dictionary<string, string>
        {
            ["BASE_URL"] = baseUrl, ["API_KEY"] = key, ["AUDIO_FILE"] = audio, ["SEGMENT_SECONDS"] = "2", ["OUT_DIR"] = work.Path,
            ["WEBHOOK_SECRET"] = secret, ["WEBHOOK_BODY_FILE"] = Path.Combine(work.Path, "body.json"),
            ["WEBHOOK_SIGNATURE"] = Core.Webhooks.WebhookSignature.Compute(secret, body),
        };

        var (exitCode, output) = await ApiTools.RunAsync(runtime, [Path.Combine(Clients, script)], work.Path, TimeSpan.FromSeconds(60), environment);

        Assert.True(exitCode == 0, output);
        Assert.Contains("completed with 3 segments", output);
        Assert.Contains("downloaded segment 0", output);
        Assert.True(new FileInfo(Path.Combine(work.Path, "segment-0")).Length > 0);
        Assert.Contains("signature valid", output);
    }

    /// <summary>The server's address, an API key and a JWT of one new account.</summary>
    private async Task<(string BaseUrl, string Key, string Token)> CredentialsAsync()
    {
        using var anonymous = app.AnonymousClient();
        var account = await app.CreateAccountAsync();
        var (_, key) = await app.CreateKeyAsync(account.Id);
        var tokens = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { email = account.Email, password = account.Password });
        var token = (await tokens.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        return (anonymous.BaseAddress!.GetLeftPart(UriPartial.Authority), key, token);
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"audioportal-clients-{Guid.NewGuid():N}")).FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}

/// <summary>
/// An example needs its runtime and tools on PATH (and, for Python, the module it imports) and ffmpeg for the job;
/// skipped with what is missing otherwise. These are ordinary tools, so CI=true does not turn a skip into a failure.
/// </summary>
public sealed class ExampleFactAttribute(params string[] commands) : FactAttribute
{
    public string? PythonModule { get; init; }

    public override string? Skip
    {
        get => base.Skip ?? FfmpegAvailability.SkipReason ?? Missing();
        set => base.Skip = value;
    }

    private string? Missing()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator);
        var missing = commands.Where(c => !path.Any(dir => File.Exists(Path.Combine(dir, c)))).ToList();
        if (missing.Count > 0)
        {
            return $"needs {string.Join(", ", missing)} on PATH";
        }

        if (PythonModule is not { } module)
        {
            return null;
        }

        using var check = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("python3", ["-c", $"import {module}"]) { RedirectStandardError = true })!;
        check.WaitForExit(10_000);
        return check.ExitCode == 0 ? null : $"needs the Python module '{module}': pip install {module}";
    }
}

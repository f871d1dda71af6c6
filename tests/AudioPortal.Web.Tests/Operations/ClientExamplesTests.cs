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

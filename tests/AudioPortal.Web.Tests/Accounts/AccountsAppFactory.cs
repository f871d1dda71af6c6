using System.Net.Http.Json;
using System.Text.Json;
using AudioPortal.Web.Tests.Infrastructure;
using AudioPortal.Web.Tests.Splits;

namespace AudioPortal.Web.Tests.Accounts;

/// <summary>
/// The app on Kestrel with fast worker timings (see <see cref="SplitsAppFactory"/>) and an export worker that polls
/// often. <see cref="NewUserAsync"/> gives a fresh account with a JWT client, an API key client and its refresh token.
/// </summary>
public sealed class AccountsAppFactory : SplitsAppFactory
{
    public AccountsAppFactory()
    {
        Settings["Accounts:ExportPollInterval"] = "00:00:00.200";
    }

    public string BlobFolder(string accountId) => Path.Combine(DataPath, "blobs", accountId);

    public async Task<AccountUser> NewUserAsync(string? plan = null)
    {
        StartServer();
        var account = await this.CreateAccountAsync(plan);
        var (keyId, key) = await this.CreateKeyAsync(account.Id, name: "first key");
        var tokens = await this.GetTokensAsync(account);
        var jwt = this.CreateClientWithToken(tokens.AccessToken);
        var keyClient = this.CreateClientWithKey(key);
        return new AccountUser(account, keyId, key, tokens.RefreshToken, jwt, new Splits.TestAccount(account.Id, "", keyClient));
    }
}

/// <summary>A test account with both kinds of credentials.</summary>
public sealed record AccountUser(Infrastructure.TestAccount Account, string KeyId, string Key, string RefreshToken, HttpClient Jwt, Splits.TestAccount Api)
{
    public string Id => Account.Id;

    public HttpClient KeyClient => Api.Client;

    /// <summary>Uploads a sine tone split every second and waits until the job has completed.</summary>
    public async Task<JsonElement> CompletedJobAsync(double seconds = 3)
    {
        var created = await Api.UploadAsync(TestWav.Sine(seconds), "tone.wav",
            new Dictionary<string, string> { ["splitMode"] = "duration", ["segmentDuration"] = "1", ["outputFormat"] = "wav" });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var job = await Api.WaitForJobAsync(id);
        Assert.Equal("completed", job.GetProperty("status").GetString());
        return job;
    }

    /// <summary>Starts an export and polls it until it leaves queued/processing.</summary>
    public async Task<JsonElement> ExportAsync(string format)
    {
        var started = await Jwt.PostAsJsonAsync("/api/v1/account/export", new { format });
        Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("exportId").GetString()!;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var export = await Jwt.GetFromJsonAsync<JsonElement>($"/api/v1/account/export/{id}");
            if (export.GetProperty("status").GetString() is "completed" or "failed" || DateTime.UtcNow > deadline)
            {
                return export;
            }

            await Task.Delay(100);
        }
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AudioPortal.Core.Accounts;
using AudioPortal.Web.Tests.Infrastructure;

namespace AudioPortal.Web.Tests.ApiKeys;

/// <summary><c>/api/v1/api-keys</c> over HTTP (API.md §5).</summary>
public sealed class ApiKeysApiTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private const string Route = "/api/v1/api-keys";

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    [Fact]
    public async Task Create_returns_the_key_once_and_the_list_shows_only_its_preview()
    {
        var (_, client) = await factory.CreateAccountWithTokenAsync();

        var created = await JsonAsync(await client.PostAsJsonAsync(Route, new { name = "ci", scopes = new[] { Scopes.SplitsRead } }), HttpStatusCode.Created);

        var key = created.GetProperty("key").GetString()!;
        Assert.StartsWith("as_live_", key);
        Assert.StartsWith("key_", created.GetProperty("id").GetString());
        Assert.Equal("ci", created.GetProperty("name").GetString());
        Assert.Equal([Scopes.SplitsRead], created.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", created.GetProperty("createdAt").GetString());
        Assert.False(created.TryGetProperty("expiresAt", out _)); // null members are omitted

        var list = await client.GetStringAsync(Route);
        Assert.DoesNotContain(key, list);
        var item = JsonDocument.Parse(list).RootElement.GetProperty("data").EnumerateArray().Single();
        Assert.Equal(key[..16] + "…", item.GetProperty("keyPreview").GetString());
        Assert.False(item.TryGetProperty("lastUsedAt", out _)); // null members are omitted
        Assert.False(item.TryGetProperty("key", out _));
    }

    [Fact]
    public async Task Get_counts_the_keys_uses_and_when_it_was_last_used()
    {
        var (accountId, client) = await factory.CreateAccountWithKeyAsync();
        var id = (await JsonAsync(await client.GetAsync(Route), HttpStatusCode.OK)).GetProperty("data")[0].GetProperty("id").GetString();

        var detail = await JsonAsync(await client.GetAsync($"{Route}/{id}"), HttpStatusCode.OK);

        // The list call and this get, both with the key itself.
        Assert.Equal(2, detail.GetProperty("usageCount").GetInt64());
        Assert.NotEqual(JsonValueKind.Null, detail.GetProperty("lastUsedAt").ValueKind);
        _ = accountId;
    }

    [Fact]
    public async Task Patch_renames_changes_scopes_and_clears_the_expiry_with_null()
    {
        var (_, client) = await factory.CreateAccountWithTokenAsync();
        var expires = DateTimeOffset.UtcNow.AddDays(7).ToString("yyyy-MM-ddTHH:mm:ssZ");
        var id = (await JsonAsync(await client.PostAsJsonAsync(Route, new { name = "ci", expiresAt = expires }), HttpStatusCode.Created)).GetProperty("id").GetString();

        var renamed = await JsonAsync(await client.PatchAsJsonAsync($"{Route}/{id}", new { name = "deploy" }), HttpStatusCode.OK);
        Assert.Equal("deploy", renamed.GetProperty("name").GetString());
        Assert.Equal(expires, renamed.GetProperty("expiresAt").GetString());
        Assert.NotEqual(JsonValueKind.Null, renamed.GetProperty("updatedAt").ValueKind);

        var cleared = await JsonAsync(await client.PatchAsync($"{Route}/{id}", JsonContent.Create(new { expiresAt = (string?)null, scopes = new[] { Scopes.SplitsWrite } })), HttpStatusCode.OK);
        Assert.False(cleared.TryGetProperty("expiresAt", out _)); // null members are omitted
        Assert.Equal([Scopes.SplitsWrite], cleared.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task Invalid_fields_are_422_and_a_body_that_is_not_json_is_400()
    {
        var (_, client) = await factory.CreateAccountWithTokenAsync();

        var invalid = await (await client.PostAsJsonAsync(Route, new { name = "", scopes = new[] { "admin" } })).AssertErrorAsync(HttpStatusCode.UnprocessableEntity, "INVALID_PARAMS");
        Assert.Equal(["name", "scopes"], invalid.GetProperty("details").GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("field").GetString()));
        var notJson = new StringContent("{nope", System.Text.Encoding.UTF8, "application/json");
        await (await client.PostAsync(Route, notJson)).AssertErrorAsync(HttpStatusCode.BadRequest, "INVALID_PARAMS");
    }

    [Fact]
    public async Task Delete_is_204_and_the_key_stops_working_at_once()
    {
        var (_, owner) = await factory.CreateAccountWithTokenAsync();
        var created = await JsonAsync(await owner.PostAsJsonAsync(Route, new { name = "ci" }), HttpStatusCode.Created);
        using var keyClient = factory.CreateClientWithKey(created.GetProperty("key").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await keyClient.GetAsync(Route)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync($"{Route}/{created.GetProperty("id").GetString()}")).StatusCode);

        await (await keyClient.GetAsync(Route)).AssertErrorAsync(HttpStatusCode.Unauthorized, "KEY_REVOKED");
        await (await owner.GetAsync($"{Route}/{created.GetProperty("id").GetString()}")).AssertErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task Rotate_returns_a_new_key_and_the_old_one_is_revoked()
    {
        var (_, owner) = await factory.CreateAccountWithTokenAsync();
        var created = await JsonAsync(await owner.PostAsJsonAsync(Route, new { name = "ci" }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString();

        var rotated = await JsonAsync(await owner.PostAsync($"{Route}/{id}/rotate", null), HttpStatusCode.OK);

        Assert.Equal(id, rotated.GetProperty("id").GetString());
        Assert.NotEqual(created.GetProperty("key").GetString(), rotated.GetProperty("key").GetString());
        Assert.NotEqual(JsonValueKind.Null, rotated.GetProperty("rotatedAt").ValueKind);
        using var oldKey = factory.CreateClientWithKey(created.GetProperty("key").GetString()!);
        await (await oldKey.GetAsync(Route)).AssertErrorAsync(HttpStatusCode.Unauthorized, "KEY_REVOKED");
        using var newKey = factory.CreateClientWithKey(rotated.GetProperty("key").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await newKey.GetAsync(Route)).StatusCode);
    }

    [Fact]
    public async Task The_free_plan_allows_two_active_keys_and_a_third_answers_the_key_cap_code_with_the_cap()
    {
        var (_, client) = await factory.CreateAccountWithTokenAsync();
        await JsonAsync(await client.PostAsJsonAsync(Route, new { name = "one" }), HttpStatusCode.Created);
        await JsonAsync(await client.PostAsJsonAsync(Route, new { name = "two" }), HttpStatusCode.Created);

        var third = await (await client.PostAsJsonAsync(Route, new { name = "three" })).AssertErrorAsync(HttpStatusCode.PaymentRequired, "API_KEY_LIMIT_REACHED");

        Assert.Equal(2, third.GetProperty("details").GetProperty("maxApiKeys").GetInt32());
    }

    [Fact]
    public async Task A_test_key_can_be_asked_for()
    {
        var (_, client) = await factory.CreateAccountWithTokenAsync();

        var created = await JsonAsync(await client.PostAsJsonAsync(Route, new { name = "sandbox", test = true }), HttpStatusCode.Created);

        Assert.StartsWith("as_test_", created.GetProperty("key").GetString());
        Assert.True(created.GetProperty("test").GetBoolean());
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("PATCH", "")]
    [InlineData("DELETE", "")]
    [InlineData("POST", "/rotate")]
    public async Task Another_accounts_key_is_404_not_found(string method, string suffix)
    {
        var (_, owner) = await factory.CreateAccountWithTokenAsync();
        var id = (await JsonAsync(await owner.PostAsJsonAsync(Route, new { name = "mine" }), HttpStatusCode.Created)).GetProperty("id").GetString();
        var (_, intruder) = await factory.CreateAccountWithKeyAsync(scopes: [Scopes.KeysManage]);

        var request = new HttpRequestMessage(new HttpMethod(method), $"{Route}/{id}{suffix}")
        {
            Content = method == "PATCH" ? JsonContent.Create(new { name = "stolen" }) : null,
        };
        await (await intruder.SendAsync(request)).AssertErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");

        var still = await JsonAsync(await owner.GetAsync($"{Route}/{id}"), HttpStatusCode.OK);
        Assert.Equal("mine", still.GetProperty("name").GetString());
        Assert.DoesNotContain(id!, await intruder.GetStringAsync(Route));
    }
}

using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AudioPortal.Web.Tests.Infrastructure;

/// <summary>A browser-like client signed in through the real login form (the Identity cookie), as the portal is used.</summary>
public static partial class PortalSignIn
{
    /// <summary>Signs <paramref name="account"/> in; returns the cookie client and an antiforgery token of a signed-in page.</summary>
    public static async Task<(HttpClient Client, string Token)> SignInAsync<T>(this WebApplicationFactory<T> factory, TestAccount account)
        where T : class
    {
        var (client, login) = await PostLoginAsync(factory, account);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        // A signed-in page carries a token for this user (the sign-out form).
        var page = await client.GetStringAsync("/dashboard");
        return (client, HiddenFields(page)["__RequestVerificationToken"]);
    }

    /// <summary>Submits the login form for <paramref name="account"/>; returns the cookie client and the form's answer.</summary>
    public static async Task<(HttpClient Client, HttpResponseMessage Login)> PostLoginAsync<T>(this WebApplicationFactory<T> factory, TestAccount account)
        where T : class
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var fields = HiddenFields(await client.GetStringAsync("/Account/Login"));
        fields["Input.Email"] = account.Email;
        fields["Input.Password"] = account.Password;
        return (client, await client.PostAsync("/Account/Login", new FormUrlEncodedContent(fields)));
    }

    private static Dictionary<string, string> HiddenFields(string html)
    {
        var fields = new Dictionary<string, string>();
        foreach (Match input in HiddenInput().Matches(html))
        {
            var name = Regex.Match(input.Value, "name=\"([^\"]+)\"").Groups[1].Value;
            var value = WebUtility.HtmlDecode(Regex.Match(input.Value, "value=\"([^\"]*)\"").Groups[1].Value);
            fields.TryAdd(name, value);
        }

        return fields;
    }

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*>")]
    private static partial Regex HiddenInput();
}

using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AudioPortal.Web.Tests.Infrastructure;

/// <summary>The portal's static sign-in forms driven as a browser drives them: GET the page, POST its form with the page's antiforgery token.</summary>
public static partial class PortalForms
{
    /// <summary>A cookie-keeping client that does not follow redirects, optionally on another host name (a forged <c>Host</c>).</summary>
    public static HttpClient Browser<T>(this WebApplicationFactory<T> factory, string host = "localhost")
        where T : class =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri($"http://{host}/") });

    /// <summary>GETs <paramref name="path"/> and POSTs its form <paramref name="handler"/> with the token the page carries.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient browser, string path, string handler, Dictionary<string, string> fields)
    {
        var page = await browser.GetStringAsync(path);
        var form = new Dictionary<string, string>(fields) { ["_handler"] = handler, ["__RequestVerificationToken"] = AntiforgeryToken(page) };
        return await browser.PostAsync(path, new FormUrlEncodedContent(form));
    }

    public static string AntiforgeryToken(string page)
    {
        var token = TokenPattern().Match(page);
        Assert.True(token.Success, "The page carries no antiforgery token.");
        return WebUtility.HtmlDecode(token.Groups[1].Value);
    }

    /// <summary>Signs in through the login form; the client then holds the session cookie.</summary>
    public static async Task SignInAsync(this HttpClient browser, TestAccount account)
    {
        var response = await browser.PostFormAsync("/Account/Login", "login", new() { ["Input.Email"] = account.Email, ["Input.Password"] = account.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>The newest message in the mail folder addressed to <paramref name="email"/>.</summary>
    public static string MailTo(string dataPath, string email) =>
        Directory.GetFiles(Path.Combine(dataPath, "mail")).Order(StringComparer.Ordinal).Select(File.ReadAllText)
            .Last(m => m.Contains($"To: {email}", StringComparison.Ordinal));

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

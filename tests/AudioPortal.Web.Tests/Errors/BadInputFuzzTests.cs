using System.Net;
using System.Text;
using AudioPortal.Web.Tests.Splits;

namespace AudioPortal.Web.Tests.Errors;

/// <summary>
/// Every API route with bodies, ids and query strings an attacker or a careless client would send, over real HTTP:
/// nothing answers 500, signed-out callers get 401 before anything is read, and no answer names a server path.
/// </summary>
public sealed class BadInputFuzzTests(SplitsAppFactory app) : IClassFixture<SplitsAppFactory>
{
    /// <summary>Routes that take a body (DELETE /account is left out: an empty body is a valid request to delete).</summary>
    private static readonly (string Method, string Path, bool Anonymous)[] BodyRoutes =
    [
        ("POST", "/api/v1/splits", false), ("PATCH", "/api/v1/splits/job_nope", false),
        ("POST", "/api/v1/api-keys", false), ("PATCH", "/api/v1/api-keys/key_nope", false), ("POST", "/api/v1/api-keys/key_nope/rotate", false),
        ("POST", "/api/v1/auth/token", true), ("POST", "/api/v1/auth/refresh", true),
        ("POST", "/api/v1/account/export", false),
        ("POST", "/api/v1/billing/subscribe", false), ("POST", "/api/v1/billing/change-plan", false), ("POST", "/api/v1/billing/cancel", false),
        ("POST", "/api/v1/billing/checkout", false), ("POST", "/api/v1/billing/portal", false), ("PUT", "/api/v1/billing/payment-method", false),
        ("POST", "/api/v1/webhooks/rotate-secret", false), ("POST", "/api/v1/webhooks/enable", false),
        ("POST", "/api/v1/billing/stripe/webhook", true),
    ];

    /// <summary>A body and its Content-Type (null: the header is not sent).</summary>
    public static readonly (string? Body, string? ContentType)[] Bodies =
    [
        (null, null), ("", null), ("", "application/json"), ("null", "application/json"), ("[]", "application/json"),
        ("\"x\"", "application/json"), ("42", "application/json"), ("{oops", "application/json"), ("{}", "text/plain"),
        ("{\"segmentDuration\":\"abc\",\"name\":7,\"scopes\":\"x\",\"planId\":[],\"email\":{}}", "application/json"),
        ("{\"segmentDuration\":1e999,\"parts\":99999999999999999999,\"maxFileSize\":-1}", "application/json"),
        (new string('[', 5000) + new string(']', 5000), "application/json"),
        ("{\"a\":\"\\uD800\"}", "application/json"), ("{}", "application/json; charset=utf-7"), ("{}", "application/json; charset=nonsense"),
        ("x", "multipart/form-data"), ("--b\r\n", "multipart/form-data; boundary=b"), ("--b--\r\n", "multipart/form-data; boundary=b"),
        ("a=b", "application/x-www-form-urlencoded"), ("{}", "application/xml"), ("{}", "*/*"), ("{}", "garbage"),
    ];

    /// <summary>Ids and query strings that do not fit what the route expects.</summary>
    private static readonly string[] GetPaths =
    [
        "/api/v1/splits?page=-1&limit=-5", "/api/v1/splits?page=0&limit=2147483647", "/api/v1/splits?page=99999999999&limit=abc",
        "/api/v1/splits?page=2147483647&limit=100", "/api/v1/splits?status=%00%FF", "/api/v1/splits?status=" + new string('x', 5000),
        "/api/v1/splits/%C3%A9%F0%9F%8E%B5", "/api/v1/splits/" + new string('j', 3000), "/api/v1/splits/%00", "/api/v1/splits/..%2F..%2Fetc",
        "/api/v1/splits/job_nope/segments/-1", "/api/v1/splits/job_nope/segments/99999999999", "/api/v1/splits/job_nope/segments/0?expires=-1&sig=%00",
        "/api/v1/splits/job_nope/archive?expires=99999999999999999999&sig=zz", "/api/v1/splits/job_nope/archive?expires=abc",
        "/api/v1/api-keys/%E2%80%AE", "/api/v1/api-keys?page=-3",
        "/api/v1/account/export/%C3%A9", "/api/v1/account/export/x/download?expires=-9&sig=",
        "/api/v1/billing/usage?period=9999-99", "/api/v1/billing/usage?period=%00", "/api/v1/billing/usage?period=0001-01",
        "/api/v1/billing/invoices?page=-5&limit=0", "/api/v1/billing/invoices?page=2147483647&limit=2147483647",
        "/api/v1/billing/invoices/%00", "/api/v1/billing/invoices/%C3%A9/document", "/api/v1/webhooks?x=%FF",
    ];

    [Fact]
    public async Task No_bad_body_on_any_api_route_answers_500_and_signed_out_callers_get_401()
    {
        var user = await app.NewAccountAsync();
        using var anonymous = app.AnonymousClient();
        var failures = new List<string>();
        foreach (var (method, path, allowsAnonymous) in BodyRoutes)
        {
            foreach (var (body, type) in Bodies)
            {
                var signedIn = await SendAsync(user.Client, method, path, body, type);
                if ((int)signedIn.Status >= 500 || signedIn.Status == HttpStatusCode.OK && body is null && method != "POST")
                {
                    failures.Add($"{method} {path} [{type}] {Shorten(body)} → {(int)signedIn.Status} {signedIn.Text}");
                }

                var signedOut = await SendAsync(anonymous, method, path, body, type);
                if (allowsAnonymous ? (int)signedOut.Status >= 500 : signedOut.Status != HttpStatusCode.Unauthorized)
                {
                    failures.Add($"anonymous {method} {path} [{type}] {Shorten(body)} → {(int)signedOut.Status} {signedOut.Text}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task No_bad_id_or_query_string_on_any_api_route_answers_500()
    {
        var user = await app.NewAccountAsync();
        var failures = new List<string>();
        foreach (var path in GetPaths)
        {
            var (status, text) = await SendAsync(user.Client, "GET", path, null, null);
            if ((int)status >= 500)
            {
                failures.Add($"GET {path} → {(int)status} {text}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    internal static async Task<(HttpStatusCode Status, string Text)> SendAsync(HttpClient client, string method, string path, string? body, string? type)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (type is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            }
        }

        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string Shorten(string? body) => body is null ? "(no body)" : body.Length > 40 ? body[..40] + "…" : body;
}

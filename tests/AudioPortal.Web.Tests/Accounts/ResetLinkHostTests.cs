using System.Collections.Concurrent;
using System.Net;
using AudioPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace AudioPortal.Web.Tests.Accounts;

/// <summary>
/// A password-reset mail carries a working code, so its link must never point at the host a request claims to be
/// for: it comes from <c>PublicBaseUrl</c>, else from a host <c>AllowedHosts</c> names, else (Development only) a
/// loopback host; otherwise the mail carries the path alone and the operator is warned at start.
/// </summary>
public sealed class ResetLinkHostTests : IDisposable
{
    private const string Attacker = "attacker.example";
    private readonly AppFactory _app = new();
    private readonly ConcurrentQueue<string> _warnings = new();

    [Fact]
    public async Task A_forged_host_gets_a_link_to_the_public_base_url()
    {
        _app.Settings["PublicBaseUrl"] = "https://audio.example.com/";

        var mail = await ForgotPasswordMailAsync(_app, Attacker);

        Assert.Contains("https://audio.example.com/Account/ResetPassword?code=", mail);
        Assert.DoesNotContain(Attacker, mail);
    }

    [Fact]
    public async Task Without_a_public_base_url_a_host_named_in_allowed_hosts_gives_the_link_and_a_forged_one_is_refused()
    {
        _app.Settings["AllowedHosts"] = "portal.example";

        var mail = await ForgotPasswordMailAsync(_app, "portal.example");
        Assert.Contains("http://portal.example/Account/ResetPassword?code=", mail);

        using var forged = _app.Browser(Attacker);
        Assert.Equal(HttpStatusCode.BadRequest, (await forged.GetAsync("/Account/ForgotPassword")).StatusCode);
    }

    [Fact]
    public async Task With_neither_setting_outside_development_the_mail_names_no_host_and_the_start_logs_a_warning()
    {
        await using var factory = WithWarnings(_app);

        var mail = await ForgotPasswordMailAsync(factory, Attacker);

        Assert.DoesNotContain(Attacker, mail);
        Assert.DoesNotContain("http", mail, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("/Account/ResetPassword?code=", mail);
        Assert.Contains(_warnings, w => w.Contains("PublicBaseUrl", StringComparison.Ordinal) && w.Contains("AllowedHosts", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_neither_setting_in_development_only_a_loopback_host_makes_an_absolute_link()
    {
        await using var factory = WithWarnings(_app, "Development");

        var forgedMail = await ForgotPasswordMailAsync(factory, Attacker);
        var localMail = await ForgotPasswordMailAsync(factory, "localhost");

        Assert.DoesNotContain(Attacker, forgedMail);
        Assert.Contains("http://localhost/Account/ResetPassword?code=", localMail);
        Assert.DoesNotContain(_warnings, w => w.Contains("PublicBaseUrl", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_configured_public_base_url_starts_without_the_warning()
    {
        _app.Settings["PublicBaseUrl"] = "https://audio.example.com";
        await using var factory = WithWarnings(_app);

        using var client = factory.CreateClient();
        (await client.GetAsync("/healthz")).EnsureSuccessStatusCode();

        Assert.DoesNotContain(_warnings, w => w.Contains("PublicBaseUrl", StringComparison.Ordinal));
    }

    public void Dispose() => _app.Dispose();

    private async Task<string> ForgotPasswordMailAsync(WebApplicationFactory<Program> factory, string host)
    {
        var account = await factory.CreateAccountAsync();
        using var browser = factory.Browser(host);

        var sent = await browser.PostFormAsync("/Account/ForgotPassword", "forgot-password", new() { ["Input.Email"] = account.Email });

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        return PortalForms.MailTo(_app.DataPath, account.Email);
    }

    private WebApplicationFactory<Program> WithWarnings(AppFactory app, string? environment = null) =>
        app.WithWebHostBuilder(b =>
        {
            if (environment is not null)
            {
                b.UseEnvironment(environment);
            }

            b.ConfigureLogging(l => l.AddProvider(new WarningCapture(_warnings)));
        });

    private sealed class WarningCapture(ConcurrentQueue<string> warnings) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(warnings);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> warnings) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    warnings.Enqueue(formatter(state, exception));
                }
            }
        }
    }
}

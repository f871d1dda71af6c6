using System.Collections.Concurrent;
using AudioPortal.Core.Accounts;
using AudioPortal.Core.Splits;
using AudioPortal.Core.Storage;
using AudioPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AudioPortal.Web.Tests.Hosting;

/// <summary>The console is the first thing an operator reads: a healthy start says nothing alarming.</summary>
public sealed class StartupLogTests : IDisposable
{
    private readonly AppFactory _app = new();
    private readonly ConcurrentQueue<string> _warnings = new();

    [Fact]
    public async Task A_fresh_start_and_the_sweepers_first_rounds_log_no_warnings()
    {
        // Configured as production must be: without a public address the start rightly warns (ResetLinkHostTests).
        _app.Settings["PublicBaseUrl"] = "https://audio.example.com";
        await using var factory = _app.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(new WarningCapture(_warnings))));
        using var client = factory.CreateClient();
        (await client.GetAsync("/readyz")).EnsureSuccessStatusCode();

        await factory.Services.GetRequiredService<RetentionSweeper>().SweepAsync(CancellationToken.None);
        await factory.Services.GetRequiredService<AccountSweeper>().SweepAsync(CancellationToken.None);
        await factory.Services.GetRequiredService<StorageSweeper>().SweepAsync(CancellationToken.None);

        Assert.Empty(_warnings);
    }

    public void Dispose() => _app.Dispose();

    private sealed class WarningCapture(ConcurrentQueue<string> warnings) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, warnings);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> warnings) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    warnings.Enqueue($"{category}: {formatter(state, exception)}");
                }
            }
        }
    }
}

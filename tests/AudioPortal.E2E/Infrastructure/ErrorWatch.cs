using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace AudioPortal.E2E.Infrastructure;

/// <summary>
/// Everything that went wrong while a test ran, seen from both ends: the browser's console errors and uncaught
/// page errors (a terminated circuit is logged there), and the server's log entries at Error or Critical (an
/// unhandled exception in a circuit or a request). A test that leaves any of these behind fails, even if its
/// own assertions passed.
/// </summary>
public sealed class ErrorWatch : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly List<Func<string, bool>> _allowed = [];

    public IReadOnlyCollection<string> Errors => _errors;

    /// <summary>Forgets what earlier tests left behind and their allowances.</summary>
    public void Reset()
    {
        _errors.Clear();
        lock (_allowed)
        {
            _allowed.Clear();
        }
    }

    /// <summary>Lets the current test expect an error (e.g. the 404 a not-found page is served with).</summary>
    public void Allow(Func<string, bool> expected)
    {
        lock (_allowed)
        {
            _allowed.Add(expected);
        }
    }

    /// <summary>Listens to a page's console and uncaught errors.</summary>
    public void Watch(IPage page)
    {
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Add($"browser console ({page.Url}): {message.Text}");
            }
        };
        page.PageError += (_, error) => Add($"browser page error ({page.Url}): {error}");
    }

    /// <summary>Fails with every unexpected error, browser and server, if there was any.</summary>
    public void AssertNone()
    {
        var unexpected = _errors.Where(e => !IsAllowed(e)).ToList();
        if (unexpected.Count > 0)
        {
            throw new Xunit.Sdk.XunitException($"{unexpected.Count} error(s) in the browser or the server log:{Environment.NewLine}"
                + string.Join(Environment.NewLine + "---" + Environment.NewLine, unexpected));
        }
    }

    private bool IsAllowed(string error)
    {
        lock (_allowed)
        {
            return _allowed.Any(a => a(error));
        }
    }

    private void Add(string error) => _errors.Enqueue(error);

    ILogger ILoggerProvider.CreateLogger(string categoryName) => new ServerLog(this, categoryName);

    void IDisposable.Dispose()
    {
    }

    /// <summary>Records the server's Error and Critical entries with their exception.</summary>
    private sealed class ServerLog(ErrorWatch watch, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                watch.Add($"server {logLevel} [{category}]: {formatter(state, exception)}{(exception is null ? "" : Environment.NewLine + exception)}");
            }
        }
    }
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AudioPortal.Web.Tests.Infrastructure;

/// <summary>Keeps every log line at or above <paramref name="minimum"/> (category, level, message) for assertions.</summary>
public sealed class LogCapture(LogLevel minimum = LogLevel.Information) : ILoggerProvider
{
    public ConcurrentQueue<(string Category, LogLevel Level, string Message)> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, LogCapture capture) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= capture._minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                capture.Lines.Enqueue((category, logLevel, formatter(state, exception)));
            }
        }
    }

    private readonly LogLevel _minimum = minimum;
}

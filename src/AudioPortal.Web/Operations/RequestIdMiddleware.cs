using System.Diagnostics;

namespace AudioPortal.Web.Operations;

/// <summary>
/// Gives every request an id (<c>req_…</c>): the error envelope's <c>requestId</c>, the <c>X-Request-Id</c>
/// header and a logging scope, so a user's report can be matched to the log lines. Also logs one
/// structured line per request.
/// </summary>
public sealed partial class RequestIdMiddleware(RequestDelegate next, ILogger<RequestIdMiddleware> logger)
{
    public const string Header = "X-Request-Id";

    public async Task InvokeAsync(HttpContext context)
    {
        // An id needs to be unique, not secret: 96 bits from the shared fast generator instead of the OS's CSPRNG.
        Span<byte> bytes = stackalloc byte[12];
        Random.Shared.NextBytes(bytes);
        var requestId = "req_" + Convert.ToHexStringLower(bytes);
        context.TraceIdentifier = requestId;
        context.Response.OnStarting(static state =>
        {
            var (http, id) = ((HttpContext, string))state;
            http.Response.Headers[Header] = id;
            return Task.CompletedTask;
        }, (context, requestId));

        using var scope = logger.BeginScope("{RequestId}", requestId);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            // Generated logging: nothing is formatted or boxed when the level is off.
            LogAnswered(logger, context.Request.Method, context.Request.Path, context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} answered {StatusCode} in {ElapsedMs:0.0} ms")]
    private static partial void LogAnswered(ILogger logger, string method, PathString path, int statusCode, double elapsedMs);
}

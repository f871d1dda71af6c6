using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using AudioPortal.Core.Billing;
using AudioPortal.Core.Errors;
using AudioPortal.Web.Errors;
using AudioPortal.Web.Hosting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace AudioPortal.Web.Auth;

/// <summary>
/// ASP.NET Core's rate limiter over <c>/api</c>: a fixed window per API key, per account for JWTs, per IP for
/// anonymous callers and (more strictly) for refused credentials, with the limit from the caller's plan.
/// Also remembers when each partition's window began so responses can say when it resets.
/// </summary>
public sealed class ApiRateLimiter
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _windowStarts = new(StringComparer.Ordinal);
    private readonly RateLimitOptions _options;
    private readonly PlanCatalog _plans;

    public ApiRateLimiter(IOptions<RateLimitOptions> options, PlanCatalog plans)
    {
        _options = options.Value;
        _plans = plans;
        Limiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            if (PartitionOf(context) is not { } partition)
            {
                return RateLimitPartition.GetNoLimiter("none");
            }

            return RateLimitPartition.GetFixedWindowLimiter(partition.Key, _ =>
            {
                // Called once each time the partition's limiter is made; its first window starts now.
                _windowStarts[partition.Key] = DateTimeOffset.UtcNow;
                return new FixedWindowRateLimiterOptions { PermitLimit = partition.Limit, Window = Window, QueueLimit = 0, AutoReplenishment = true };
            });
        });
    }

    public PartitionedRateLimiter<HttpContext> Limiter { get; }

    public TimeSpan Window => TimeSpan.FromSeconds(Math.Max(1, _options.WindowSeconds));

    /// <summary>The partition of a request and its limit, or null when it is not limited (portal pages).</summary>
    public (string Key, int Limit)? PartitionOf(HttpContext context)
    {
        if (!_options.Enabled || !context.Request.Path.StartsWithSegments("/api"))
        {
            return null;
        }

        var user = context.User;
        var ip = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (AuthResponses.FailureOf(context) is not null)
        {
            return ($"fail:{ip}:{_options.FailedAuthPerWindow}", _options.FailedAuthPerWindow);
        }

        if (user.Identity?.IsAuthenticated != true || user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } accountId)
        {
            return ($"ip:{ip}:{_options.AnonymousPerWindow}", _options.AnonymousPerWindow);
        }

        var limit = _plans.For(user.FindFirstValue(AuthClaims.PlanId) ?? PlanCatalog.FreePlanId).RequestsPerMinute;
        var who = user.FindFirstValue(AuthClaims.ApiKeyId) is { } keyId ? $"key:{keyId}" : $"user:{accountId}";

        // The limit is part of the key, so a plan change takes effect with a fresh window.
        return ($"{who}:{limit}", limit);
    }

    /// <summary>When the partition's current window ends (the windows repeat from the partition's creation).</summary>
    public DateTimeOffset ResetOf(string partitionKey)
    {
        var now = DateTimeOffset.UtcNow;
        var start = _windowStarts.GetValueOrDefault(partitionKey, now);
        var windows = Math.Floor((now - start) / Window) + 1;
        return start + Window * windows;
    }

    /// <summary>Adds X-RateLimit-Limit/-Remaining/-Reset to every limited response (429s included).</summary>
    public void AddHeaders(HttpContext context)
    {
        if (PartitionOf(context) is not { } partition)
        {
            return;
        }

        var remaining = Limiter.GetStatistics(context)?.CurrentAvailablePermits ?? partition.Limit;
        var headers = context.Response.Headers;
        headers["X-RateLimit-Limit"] = partition.Limit.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Remaining"] = Math.Max(0, remaining).ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset"] = ResetOf(partition.Key).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>429 RATE_LIMITED with <c>retryAfter</c> and <c>Retry-After</c> (the limiter's own default would be 503).</summary>
    internal async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var reset = PartitionOf(context) is { } partition ? ResetOf(partition.Key) : DateTimeOffset.UtcNow + Window;
        var retryAfter = Math.Max(1, (int)Math.Ceiling((reset - DateTimeOffset.UtcNow).TotalSeconds));
        await ErrorEnvelope.WriteAsync(context, ErrorCatalog.RateLimited.WithMessage($"Too many requests; retry after {retryAfter} s."), retryAfter);
    }
}

public static class RateLimitingWiring
{
    public static void AddApiRateLimiting(this WebApplicationBuilder builder)
    {
        builder.Services.AddSectionOptions<RateLimitOptions>("RateLimiting");
        builder.Services.AddSingleton<ApiRateLimiter>();
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<ApiRateLimiter>((o, limiter) =>
        {
            o.GlobalLimiter = limiter.Limiter;
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = limiter.RejectAsync;
        });
    }

    /// <summary>
    /// The headers, written as the response starts (after the limiter has counted). Registered at the front of the
    /// pipeline so that answers given before routing and authentication (a body refused for its size) carry them too.
    /// </summary>
    public static void UseRateLimitHeaders(this WebApplication app) =>
        app.Use((context, next) =>
        {
            var limiter = context.RequestServices.GetRequiredService<ApiRateLimiter>();
            context.Response.OnStarting(() =>
            {
                if (context.GetEndpoint()?.Metadata.GetMetadata<DisableRateLimitingAttribute>() is null)
                {
                    limiter.AddHeaders(context);
                }

                return Task.CompletedTask;
            });
            return next(context);
        });

    public static void UseApiRateLimiting(this WebApplication app) => app.UseRateLimiter();
}

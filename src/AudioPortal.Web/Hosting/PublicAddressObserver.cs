using AudioPortal.Core;

namespace AudioPortal.Web.Hosting;

/// <summary>
/// Gives <see cref="PublicAddress"/> the address the first API request reached, when <c>PublicBaseUrl</c> is not set,
/// and says once in the log that webhook and export links now depend on it.
/// </summary>
public sealed class PublicAddressObserver(RequestDelegate next, PublicAddress address, ILogger<PublicAddressObserver> logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (!address.IsConfigured && context.Request.Path.StartsWithSegments("/api/v1") && context.Request.Host.HasValue)
        {
            var baseUrl = $"{context.Request.Scheme}://{context.Request.Host.ToUriComponent()}{context.Request.PathBase.ToUriComponent()}";
            if (address.Observe(baseUrl))
            {
                logger.LogWarning("PublicBaseUrl is not set: links in webhook bodies use {BaseUrl}, the address the first API request reached. Set PublicBaseUrl to the server's public address.", baseUrl);
            }
        }

        return next(context);
    }
}

using AudioPortal.Core.Errors;
using AudioPortal.Web.Errors;
using AudioPortal.Web.Hosting;
using Microsoft.Extensions.Options;

namespace AudioPortal.Web.Limits;

/// <summary>Request body limits: every API body is small unless its endpoint raises the limit (uploads do, to the plan's size).</summary>
public static class LimitsWiring
{
    public static WebApplicationBuilder AddRequestLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddSectionOptions<RequestLimitsOptions>(RequestLimitsOptions.Section);
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<RequestLimitsOptions>>().Value);
        return builder;
    }

    /// <summary>
    /// Before anything reads a body: API requests get the small JSON limit (Kestrel's 30 MB default would let a JSON body
    /// be buffered whole). The upload action raises it to the plan's limit for itself once it knows the caller.
    /// </summary>
    public static WebApplication UseRequestLimits(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<RequestLimitsOptions>();
        app.Use(async (context, next) =>
        {
            if (!ApiErrorWiring.IsApiRequest(context))
            {
                await next(context);
                return;
            }

            // Multipart bodies are uploads: their action knows the caller's plan and sets the real limit itself.
            var upload = context.Request.HasFormContentType;
            if (!upload && context.Request.ContentLength > options.MaxJsonBodyBytes)
            {
                // Refused unread. Kestrel's own refusal would reset the connection under a client still sending, so it
                // never reads this answer; instead what follows is discarded (at most 5 s) and the connection closed.
                RequestBodyLimit.CloseConnection(context);
                await ErrorEnvelope.WriteAsync(context, ErrorCatalog.FileTooLarge.WithDetails(
                    new Dictionary<string, object?> { ["maxBodySize"] = options.MaxJsonBodyBytes },
                    $"The request body is larger than the {options.MaxJsonBodyBytes} bytes this endpoint accepts."));
                return;
            }

            RequestBodyLimit.Apply(context, options.MaxJsonBodyBytes);
            await next(context);
        });
        return app;
    }
}

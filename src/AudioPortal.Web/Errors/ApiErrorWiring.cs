using AudioPortal.Core;
using AudioPortal.Core.Errors;
using AudioPortal.Web.Limits;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace AudioPortal.Web.Errors;

/// <summary>
/// Makes every failure on an API path an envelope: model binding (400/422), unknown routes (404), wrong
/// methods (405), unsupported content types (400) and unhandled exceptions (500, logged with the requestId).
/// Portal paths keep Blazor's own not-found and error pages.
/// </summary>
public static class ApiErrorWiring
{
    public static WebApplicationBuilder AddApiErrors(this WebApplicationBuilder builder)
    {
        builder.Services.AddControllers()
            .AddJsonOptions(o => ApiJson.Configure(o.JsonSerializerOptions))
            .ConfigureApiBehaviorOptions(o =>
            {
                // Our envelope, not ProblemDetails, for 404/415 and friends (status code pages write it).
                o.SuppressMapClientErrors = true;
                o.InvalidModelStateResponseFactory =
                    context => new ErrorEnvelopeResult(ModelStateErrors.ToAppError(context));
            });
        // Minimal APIs and the OpenAPI generator read these options: the document then describes what is written.
        builder.Services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        return builder;
    }

    public static WebApplication UseApiErrors(this WebApplication app)
    {
        app.UseExceptionHandler("/Error", createScopeForErrors: true);
        app.UseWhen(IsApiRequest, api => api.UseStatusCodePages(WriteStatusEnvelopeAsync));
        app.UseWhen(context => !IsApiRequest(context), portal => portal.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        return app;
    }

    /// <summary>API and operations paths answer in JSON; everything else belongs to the portal.</summary>
    public static bool IsApiRequest(HttpContext context) => IsApiPath(context.Request.Path);

    private static bool IsApiPath(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/healthz") ||
        path.StartsWithSegments("/readyz") || path.StartsWithSegments("/.well-known");

    private static Task WriteStatusEnvelopeAsync(StatusCodeContext status)
    {
        var error = status.HttpContext.Response.StatusCode switch
        {
            404 => ErrorCatalog.NotFound.WithMessage($"No resource at {status.HttpContext.Request.Path}."),
            405 => ErrorCatalog.MethodNotAllowed.WithMessage($"{status.HttpContext.Request.Method} is not allowed on {status.HttpContext.Request.Path}."),
            415 => ErrorCatalog.InvalidParams.WithMessage("Unsupported content type: send application/json (or multipart/form-data for uploads)."),
            400 => ErrorCatalog.InvalidParams.ToError(),
            401 => ErrorCatalog.Unauthorized.ToError(),
            403 => ErrorCatalog.InsufficientScope.ToError(),
            413 => ErrorCatalog.FileTooLarge.ToError(),
            429 => ErrorCatalog.RateLimited.ToError(),
            503 => ErrorCatalog.ServiceUnavailable.ToError(),
            var code => ErrorCatalog.All.FirstOrDefault(e => e.Status == code)?.ToError() ?? ErrorCatalog.InternalError.ToError(),
        };
        return ErrorEnvelope.WriteAsync(status.HttpContext, error);
    }

    /// <summary>The catalog answer to a body the server refused to read on (null for every other exception).</summary>
    private static AppError? BadRequestError(Exception exception) => exception switch
    {
        _ when RequestBodyLimit.IsTooLarge(exception) => ErrorCatalog.FileTooLarge.WithMessage("The request body is larger than this endpoint accepts."),
        BadHttpRequestException => ErrorCatalog.InvalidParams.WithMessage("The request body could not be read."),
        _ => null,
    };

    /// <summary>Unhandled exceptions on API paths: logged with the request id, answered with a bare 500 envelope.</summary>
    private sealed class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            // By now the request path is the error page's; the feature keeps the path that failed.
            var path = context.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? context.Request.Path;
            if (IsApiPath(path) && BadRequestError(exception) is { } refused)
            {
                // The client's fault (a body over its limit, a malformed or stalled body), not a bug: answered, and the
                // connection closed rather than read to the end.
                logger.LogInformation("Refused the body of {Method} {Path} (request {RequestId}): {Reason}",
                    context.Request.Method, path, context.TraceIdentifier, exception.Message);
                RequestBodyLimit.CloseConnection(context);
                await ErrorEnvelope.WriteAsync(context, refused);
                return true;
            }

            logger.LogError(exception, "Unhandled exception on {Method} {Path} (request {RequestId})",
                context.Request.Method, path, context.TraceIdentifier);
            if (!IsApiPath(path))
            {
                return false;
            }

            await ErrorEnvelope.WriteAsync(context, ErrorCatalog.InternalError.ToError());
            return true;
        }
    }
}

using System.Text.Json;
using AudioPortal.Core;
using AudioPortal.Core.Errors;

namespace AudioPortal.Web.Errors;

/// <summary>The JSON shape of every API failure: <c>{"error":{code,message,status,details,requestId}}</c>.</summary>
public sealed record ErrorEnvelope(ErrorEnvelope.ErrorBody Error)
{
    /// <summary>The error itself; <c>details</c> and <c>retryAfter</c> are left out when they say nothing.</summary>
    public sealed record ErrorBody(string Code, string Message, int Status, IReadOnlyDictionary<string, object?>? Details, string RequestId, int? RetryAfter);

    public static ErrorEnvelope From(AppError error, string requestId, int? retryAfterSeconds = null) =>
        new(new ErrorBody(error.Code, error.Message, error.Status, error.Details is { Count: > 0 } ? error.Details : null, requestId, retryAfterSeconds));

    /// <summary>Writes the envelope as the response. The one place an error becomes HTTP.</summary>
    public static async Task WriteAsync(HttpContext context, AppError error, int? retryAfterSeconds = null)
    {
        context.Response.StatusCode = error.Status;
        context.Response.ContentType = "application/json; charset=utf-8";
        if (retryAfterSeconds is { } retry)
        {
            context.Response.Headers.RetryAfter = retry.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await JsonSerializer.SerializeAsync(context.Response.Body, From(error, context.TraceIdentifier, retryAfterSeconds), ApiJson.Options, context.RequestAborted);
        Admin.AdminErrorLog.Record(context, error);
    }
}

/// <summary>An MVC result that writes a catalog error as the envelope.</summary>
public sealed class ErrorEnvelopeResult(AppError error) : Microsoft.AspNetCore.Mvc.IActionResult
{
    public AppError Error { get; } = error;

    public Task ExecuteResultAsync(Microsoft.AspNetCore.Mvc.ActionContext context) => ErrorEnvelope.WriteAsync(context.HttpContext, Error);
}

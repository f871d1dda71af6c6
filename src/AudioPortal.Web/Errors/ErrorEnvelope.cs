using System.Text.Json;
using System.Text.Json.Serialization;
using AudioPortal.Core.Errors;

namespace AudioPortal.Web.Errors;

/// <summary>The JSON shape of every API failure: <c>{"error":{code,message,status,details,requestId}}</c>.</summary>
public sealed record ErrorEnvelope(ErrorEnvelope.Body Error)
{
    public sealed record Body(
        string Code,
        string Message,
        int Status,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, object?>? Details,
        string RequestId,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? RetryAfter);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static ErrorEnvelope From(AppError error, string requestId, int? retryAfterSeconds = null) =>
        new(new Body(error.Code, error.Message, error.Status, error.Details is { Count: > 0 } ? error.Details : null, requestId, retryAfterSeconds));

    /// <summary>Writes the envelope as the response. The one place an error becomes HTTP.</summary>
    public static async Task WriteAsync(HttpContext context, AppError error, int? retryAfterSeconds = null)
    {
        context.Response.StatusCode = error.Status;
        context.Response.ContentType = "application/json; charset=utf-8";
        if (retryAfterSeconds is { } retry)
        {
            context.Response.Headers.RetryAfter = retry.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await JsonSerializer.SerializeAsync(context.Response.Body, From(error, context.TraceIdentifier, retryAfterSeconds), Json, context.RequestAborted);
    }
}

/// <summary>An MVC result that writes a catalog error as the envelope.</summary>
public sealed class ErrorEnvelopeResult(AppError error) : Microsoft.AspNetCore.Mvc.IActionResult
{
    public AppError Error { get; } = error;

    public Task ExecuteResultAsync(Microsoft.AspNetCore.Mvc.ActionContext context) => ErrorEnvelope.WriteAsync(context.HttpContext, Error);
}

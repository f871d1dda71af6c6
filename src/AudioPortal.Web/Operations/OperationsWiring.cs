using AudioPortal.Cli;
using AudioPortal.Core;
using AudioPortal.Core.Errors;
using AudioPortal.Web.Api;
using AudioPortal.Web.Auth;
using AudioPortal.Web.Errors;
using Scalar.AspNetCore;

namespace AudioPortal.Web.Operations;

/// <summary>Health and readiness probes, the OpenAPI document and its reference page, request ids and logs.</summary>
public static class OperationsWiring
{
    public static WebApplicationBuilder AddOperations(this WebApplicationBuilder builder)
    {
        builder.Logging.AddSimpleConsole(o =>
        {
            o.IncludeScopes = true;
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        builder.Services.AddAudioEngine(builder.Configuration);
        builder.Services.AddScoped<ReadinessProbe>();
        builder.Services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(o => o.Conventions.Add(new CommonErrorResponses()));
        builder.Services.AddOpenApi("v1", o => o.AddApiSecurity().AddApiContract().AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "AudioPortal API";
            document.Info.Description = "Split audio by duration, size or parts. Errors use one envelope: see the README's error table.";
            return Task.CompletedTask;
        }));
        return builder;
    }

    public static WebApplication UseRequestIds(this WebApplication app)
    {
        app.UseMiddleware<RequestIdMiddleware>();
        return app;
    }

    /// <summary><c>/healthz</c> (the process answers) and <c>/readyz</c> (its database and storage do): every role maps these.</summary>
    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapGet("/healthz", () => Results.Json(new { status = "ok", version = ProductVersion.Current })).ExcludeFromDescription();
        app.MapGet("/readyz", async (HttpContext context, ReadinessProbe probe) =>
        {
            var checks = await probe.CheckAsync(context.RequestAborted);
            if (checks.Values.All(c => c.Ok))
            {
                return Results.Json(new { status = "ready", checks }, ApiJson.Options);
            }

            var failing = string.Join(", ", checks.Where(c => !c.Value.Ok).Select(c => c.Key));
            var error = ErrorCatalog.ServiceUnavailable.WithDetails(
                new Dictionary<string, object?> { ["checks"] = checks }, $"Not ready: {failing}.");
            await ErrorEnvelope.WriteAsync(context, error);
            return Results.Empty;
        }).ExcludeFromDescription();
        return app;
    }

    public static WebApplication MapOperations(this WebApplication app)
    {
        app.MapHealth();
        app.MapOpenApi("/openapi/{documentName}.json");
        // A self-hosted reference: no telemetry, AI chat, MCP or hosted-tools toolbar (they talk to Scalar's cloud).
        app.MapScalarApiReference("/api-docs", o => o
            .WithTitle("AudioPortal API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .AddPreferredSecuritySchemes(OpenApiSecurity.ApiKeyScheme)
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .HideDeveloperTools());
        return app;
    }
}

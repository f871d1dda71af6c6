using AudioPortal.Audio.Ffmpeg;
using AudioPortal.Cli;
using AudioPortal.Core.Telemetry;
using AudioPortal.Web.Hosting;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AudioPortal.Web.Operations.Telemetry;

/// <summary>
/// OpenTelemetry: the service's meters (<see cref="AudioPortalMetrics"/>, <see cref="FfmpegMetrics"/>) with ASP.NET
/// Core's, HttpClient's and EF Core's, scraped by Prometheus at <c>/metrics</c> (admitted by <see cref="MetricsAccess"/>);
/// with <see cref="TelemetryOptions.OtlpEndpoint"/> set, metrics and traces (requests, outgoing HTTP, database
/// commands) also go to that collector over OTLP.
/// </summary>
public static class TelemetryWiring
{
    public const string MetricsPath = "/metrics";

    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddSectionOptions<TelemetryOptions>(TelemetryOptions.Section);
        // Read unvalidated to choose the exporters; a bad value stops the start through the validated options above.
        var settings = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var otlp = settings.OtlpUri;
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(settings.ServiceName, serviceVersion: ProductVersion.Current))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(AudioPortalMetrics.MeterName, FfmpegMetrics.MeterName, "Microsoft.EntityFrameworkCore")
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    // Every scrape sees the figures of that moment (the exporter would otherwise answer from a 300 ms cache).
                    .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
                if (otlp is not null)
                {
                    metrics.AddOtlpExporter(o => Point(o, otlp, settings.OtlpProtocol, "v1/metrics"));
                }
            });
        if (otlp is not null)
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments(MetricsPath))
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation()
                .AddOtlpExporter(o => Point(o, otlp, settings.OtlpProtocol, "v1/traces")));
        }

        return builder;
    }

    /// <summary><c>/metrics</c>, answering only whom <see cref="MetricsAccess"/> admits; a 404 for everyone else.</summary>
    public static WebApplication MapTelemetry(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<TelemetryOptions>();
        app.MapPrometheusScrapingEndpoint(MetricsPath, meterProvider: null, configureBranchedPipeline: branch => branch.Use((context, next) =>
        {
            if (MetricsAccess.Allows(context, options))
            {
                return next(context);
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }), optionsName: null);
        return app;
    }

    /// <summary>gRPC takes the collector's address as is; OTLP over HTTP wants each signal's own path under it.</summary>
    private static void Point(OtlpExporterOptions options, Uri collector, string protocol, string signalPath)
    {
        var grpc = protocol == "grpc";
        options.Protocol = grpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
        options.Endpoint = grpc ? collector : new Uri(collector.AbsoluteUri.TrimEnd('/') + "/" + signalPath);
    }
}

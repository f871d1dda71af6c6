using System.Text;
using AudioPortal.Web.Tests.Infrastructure;
using AudioPortal.Web.Tests.Splits;

namespace AudioPortal.Web.Tests.Operations.Telemetry;

/// <summary>
/// With <c>Telemetry:OtlpEndpoint</c> set, traces and metrics go to that collector over OTLP: here a real HTTP receiver
/// on 127.0.0.1 taking OTLP/HTTP protobuf, as an OpenTelemetry Collector would.
/// </summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task Requests_are_exported_as_traces_and_metrics_to_the_configured_collector()
    {
        await using var collector = await LoopbackServer.StartAsync((_, _) => Task.CompletedTask);
        using (var app = new AppFactory())
        {
            app.Settings["Telemetry:OtlpEndpoint"] = collector.BaseUrl;
            app.Settings["Telemetry:OtlpProtocol"] = "http/protobuf";
            app.UseKestrel(0);
            app.StartServer();
            using var client = app.CreateClient();
            (await client.GetAsync("/healthz")).EnsureSuccessStatusCode();

            // Spans leave in batches every few seconds.
            await WaitForAsync(() => Received(collector, "/v1/traces", "/healthz"));
        }

        // Stopping the server flushes its metrics (they are otherwise sent once a minute).
        await WaitForAsync(() => Received(collector, "/v1/metrics", "http.server.request.duration"));
        Assert.All(collector.Requests, r => Assert.Equal("application/x-protobuf", r.Headers["Content-Type"]));
    }

    /// <summary>Whether a POST to <paramref name="path"/> carried <paramref name="text"/> (protobuf keeps strings as UTF-8).</summary>
    private static bool Received(LoopbackServer collector, string path, string text) =>
        collector.Requests.Any(r => r.Path == path && Encoding.UTF8.GetString(r.Body).Contains(text, StringComparison.Ordinal));

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 300 && !condition(); i++)
        {
            await Task.Delay(100);
        }

        Assert.True(condition(), "Timed out waiting for the collector.");
    }
}

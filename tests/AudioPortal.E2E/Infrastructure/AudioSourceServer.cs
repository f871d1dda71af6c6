using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AudioPortal.E2E.Infrastructure;

/// <summary>
/// A small Kestrel on 127.0.0.1 serving a few seconds of WAV, for the URL source flows: <c>/tone.wav</c> always
/// answers; <c>/flaky.wav</c> answers 503 the first time and the audio after that (a job fails, its retry works).
/// </summary>
public sealed class AudioSourceServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _flakyRequests;

    private AudioSourceServer(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public static async Task<AudioSourceServer> StartAsync(double seconds)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new AudioSourceServer(app);
        var wav = TestWav.Sine(seconds, 8000);
        app.MapGet("/tone.wav", () => Results.Bytes(wav, "audio/wav"));
        app.MapGet("/flaky.wav", () => Interlocked.Increment(ref server._flakyRequests) == 1
            ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable)
            : Results.Bytes(wav, "audio/wav"));
        await app.StartAsync();
        server.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return server;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

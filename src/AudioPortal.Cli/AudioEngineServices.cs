using AudioPortal.Audio;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AudioPortal.Cli;

public static class AudioEngineServices
{
    /// <summary>
    /// The audio engine and its ffmpeg settings (section <c>Ffmpeg</c>): the web host's engine and all that the
    /// standalone verbs get. Bound by the configuration-binding source generator, so it also works natively compiled.
    /// </summary>
    public static IServiceCollection AddAudioEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection("Ffmpeg").Get<AudioEngineOptions>() ?? new AudioEngineOptions());
        services.AddSingleton(sp => new AudioEngine(sp.GetRequiredService<AudioEngineOptions>()));
        return services;
    }
}

using AudioPortal.Audio;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AudioPortal.Cli;

public static class AudioEngineServices
{
    public const string Section = "Ffmpeg";

    /// <summary>
    /// The audio engine and its ffmpeg settings (section <c>Ffmpeg</c>): the web host's engine and all that the
    /// standalone verbs get. Bound by the configuration-binding source generator, so it also works natively compiled;
    /// validated when the web host starts, or when a verb first asks for the engine.
    /// </summary>
    public static IServiceCollection AddAudioEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AudioEngineOptions>().Bind(configuration.GetSection(Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AudioEngineOptions>, AudioEngineOptionsValidator>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<AudioEngineOptions>>().Value);
        services.AddSingleton(sp => new AudioEngine(sp.GetRequiredService<AudioEngineOptions>()));
        return services;
    }
}

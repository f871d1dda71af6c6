using AudioPortal.Audio;
using Microsoft.Extensions.Options;

namespace AudioPortal.Cli;

/// <summary>
/// The <c>Ffmpeg</c> section's rules, written out rather than read from data annotations: the native binary has no
/// reflection to run them with. Failures name the key, as the web host's sections do.
/// </summary>
internal sealed class AudioEngineOptionsValidator : IValidateOptions<AudioEngineOptions>
{
    public ValidateOptionsResult Validate(string? name, AudioEngineOptions options)
    {
        List<string> failures = [];
        if (string.IsNullOrWhiteSpace(options.FfmpegPath))
        {
            failures.Add($"{AudioEngineServices.Section}:FfmpegPath: a program name or path is required.");
        }

        if (string.IsNullOrWhiteSpace(options.FfprobePath))
        {
            failures.Add($"{AudioEngineServices.Section}:FfprobePath: a program name or path is required.");
        }

        if (options.ProbeTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{AudioEngineServices.Section}:ProbeTimeout: must be a duration of more than zero.");
        }

        if (options.PeaksTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{AudioEngineServices.Section}:PeaksTimeout: must be a duration of more than zero.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

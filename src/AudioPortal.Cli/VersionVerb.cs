using System.Runtime.CompilerServices;
using AudioPortal.Audio;
using AudioPortal.Audio.Ffmpeg;
using Microsoft.Extensions.DependencyInjection;

namespace AudioPortal.Cli;

/// <summary><c>version</c>: prints AudioPortal's version, the runtime and the ffmpeg it would use.</summary>
public sealed class VersionVerb : ICliVerb
{
    public string Name => "version";

    public bool UsesDatabase => false;

    public string Summary => "Print the version of AudioPortal, .NET and ffmpeg.";

    public string Usage => "Usage: version";

    public Task<int> RunAsync(CliArgs args, CliContext context)
    {
        args.EnsureAllUsed();
        var ffmpeg = context.Services.GetRequiredService<AudioEngineOptions>();
        var found = FfmpegLocator.Locate(ffmpeg.FfmpegPath, ffmpeg.FfprobePath);
        context.Out.WriteLine($"AudioPortal {ProductVersion.Current}");
        context.Out.WriteLine($".NET {Environment.Version}{(RuntimeFeature.IsDynamicCodeSupported ? "" : " (native)")}");
        context.Out.WriteLine(found is null ? "ffmpeg: not found (apt-get install -y ffmpeg)" : $"ffmpeg {found.Version} ({found.FfmpegPath})");
        return Task.FromResult(0);
    }
}

using AudioPortal.Audio;
using AudioPortal.Audio.Ffmpeg;
using AudioPortal.Web.Operations;

namespace AudioPortal.Web.Cli;

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
        context.Out.WriteLine($"AudioPortal {OperationsWiring.Version}");
        context.Out.WriteLine($".NET {Environment.Version}");
        context.Out.WriteLine(found is null ? "ffmpeg: not found (apt-get install -y ffmpeg)" : $"ffmpeg {found.Version} ({found.FfmpegPath})");
        return Task.FromResult(0);
    }
}

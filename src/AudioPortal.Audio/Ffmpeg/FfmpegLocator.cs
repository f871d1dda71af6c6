namespace AudioPortal.Audio.Ffmpeg;

/// <summary>Where ffmpeg and ffprobe are and which version they are; null when they cannot be run.</summary>
public sealed record FfmpegInstallation(string FfmpegPath, string FfprobePath, string Version);

/// <summary>Finds ffmpeg: a configured path or a name looked up on PATH, checked by running <c>-version</c>.</summary>
public static class FfmpegLocator
{
    /// <summary>Runs <c>ffmpeg -version</c> and <c>ffprobe -version</c>; returns null if either cannot be started.</summary>
    public static FfmpegInstallation? Locate(string ffmpeg = "ffmpeg", string ffprobe = "ffprobe")
    {
        var ffmpegPath = Resolve(ffmpeg);
        var ffprobePath = Resolve(ffprobe);
        if (ffmpegPath is null || ffprobePath is null)
        {
            return null;
        }

        var version = ReadVersion(ffmpegPath);
        return version is null || ReadVersion(ffprobePath) is null ? null : new FfmpegInstallation(ffmpegPath, ffprobePath, version);
    }

    /// <summary>An absolute path as given, or the first match of a bare name on PATH.</summary>
    internal static string? Resolve(string nameOrPath)
    {
        if (nameOrPath.Contains(Path.DirectorySeparatorChar))
        {
            return File.Exists(nameOrPath) ? Path.GetFullPath(nameOrPath) : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, nameOrPath))
            .FirstOrDefault(File.Exists);
    }

    private static readonly TimeSpan VersionTimeout = TimeSpan.FromSeconds(10);

    private static string? ReadVersion(string executable)
    {
        // Bounded like every other run: a hung or sleeping "ffmpeg" makes /readyz answer "not found", never hang.
        string? firstLine = null;
        var run = FfmpegProcess.RunAsync(executable, ["-hide_banner", "-version"], line => firstLine ??= line.Trim(), CancellationToken.None, VersionTimeout)
            .GetAwaiter().GetResult();
        if (run is null || !run.Succeeded)
        {
            return null;
        }

        // "ffmpeg version 5.1.6-0+deb12u1 Copyright (c) ..." → "5.1.6-0+deb12u1"
        firstLine ??= "";
        var parts = firstLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 3 && parts[1] == "version" ? parts[2] : firstLine;
    }
}

using AudioPortal.Audio.Ffmpeg;

// Linked into each test project that runs ffmpeg (a Compile item in its .csproj): one rule for when such a test may skip.
namespace AudioPortal.TestSupport;

/// <summary>
/// Whether ffmpeg can be run, checked once per test run (each check starts two processes).
/// With <c>AUDIOPORTAL_REQUIRE_FFMPEG=1</c> ffmpeg tests never skip: they run and fail, so CI cannot pass silently.
/// </summary>
public static class FfmpegAvailability
{
    public const string InstallHint = "install ffmpeg: apt-get install -y ffmpeg (set AUDIOPORTAL_REQUIRE_FFMPEG=1 to fail instead)";

    private static readonly Lazy<FfmpegInstallation?> Installation = new(() => FfmpegLocator.Locate());

    public static FfmpegInstallation? Current => Installation.Value;

    public static bool Required => Environment.GetEnvironmentVariable("AUDIOPORTAL_REQUIRE_FFMPEG") == "1";

    /// <summary>The skip reason for an ffmpeg test, or null when it must run.</summary>
    public static string? SkipReason => Required || Current is not null ? null : InstallHint;
}

/// <summary>A fact that needs ffmpeg: skipped with the install command when ffmpeg is missing (unless required).</summary>
public sealed class FfmpegFactAttribute : FactAttribute
{
    public FfmpegFactAttribute()
    {
        if (FfmpegAvailability.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A theory that needs ffmpeg; see <see cref="FfmpegFactAttribute"/>.</summary>
public sealed class FfmpegTheoryAttribute : TheoryAttribute
{
    public FfmpegTheoryAttribute()
    {
        if (FfmpegAvailability.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}

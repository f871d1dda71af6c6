using AudioPortal.Audio.Ffmpeg;

namespace AudioPortal.Web.Tests.Infrastructure;

/// <summary>
/// A fact that needs ffmpeg. On a laptop without it the test is skipped with the install command; with
/// <c>AUDIOPORTAL_REQUIRE_FFMPEG=1</c> (set by .ci/run) it runs and fails, so CI can never skip it silently.
/// </summary>
public sealed class FfmpegFactAttribute : FactAttribute
{
    public FfmpegFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("AUDIOPORTAL_REQUIRE_FFMPEG") != "1" && FfmpegLocator.Locate() is null)
        {
            Skip = "ffmpeg is not installed: apt-get install -y ffmpeg (set AUDIOPORTAL_REQUIRE_FFMPEG=1 to fail instead)";
        }
    }
}

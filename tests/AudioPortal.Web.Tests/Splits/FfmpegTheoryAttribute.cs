using AudioPortal.Audio.Ffmpeg;

namespace AudioPortal.Web.Tests.Splits;

/// <summary>A theory that needs ffmpeg; skipped without it unless <c>AUDIOPORTAL_REQUIRE_FFMPEG=1</c> (as in CI).</summary>
public sealed class FfmpegTheoryAttribute : TheoryAttribute
{
    public FfmpegTheoryAttribute()
    {
        if (Environment.GetEnvironmentVariable("AUDIOPORTAL_REQUIRE_FFMPEG") != "1" && FfmpegLocator.Locate() is null)
        {
            Skip = "ffmpeg is not installed: apt-get install -y ffmpeg";
        }
    }
}

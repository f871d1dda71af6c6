namespace AudioPortal.Audio.Tests.TestAudio;

/// <summary>
/// A fact that needs real speech from espeak-ng: skipped with the install command when it is missing, unless
/// <c>AUDIOPORTAL_REQUIRE_ESPEAK=1</c> (set by .ci/run, which installs it), so CI cannot pass without running it.
/// </summary>
public sealed class EspeakFactAttribute : FactAttribute
{
    public const string Program = "/usr/bin/espeak-ng";

    public EspeakFactAttribute()
    {
        if (!File.Exists(Program) && Environment.GetEnvironmentVariable("AUDIOPORTAL_REQUIRE_ESPEAK") != "1")
        {
            Skip = "install espeak-ng for the speech tests: apt-get install -y espeak-ng (set AUDIOPORTAL_REQUIRE_ESPEAK=1 to fail instead)";
        }
    }
}

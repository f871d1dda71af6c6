namespace AudioPortal.Audio.Probing;

/// <summary>The probe's two failures, worded once.</summary>
internal static class ProbeErrors
{
    public static AudioError Unsupported(string why) =>
        new(AudioErrorCodes.UnsupportedFormat, $"The file is not a supported audio format: {why}.");

    public static AudioError Corrupt(string why) =>
        new(AudioErrorCodes.CorruptFile, $"The audio file could not be decoded: {why}.");
}

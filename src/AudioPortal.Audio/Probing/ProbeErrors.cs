namespace AudioPortal.Audio.Probing;

/// <summary>The probe's two failures, worded once.</summary>
internal static class ProbeErrors
{
    public static AudioError Unsupported(string why) =>
        new(AudioErrorCodes.UnsupportedFormat, $"The file is not a supported audio format: {why}.");

    public static AudioError Corrupt(string why) =>
        new(AudioErrorCodes.CorruptFile, $"The audio file could not be decoded: {why}.");

    /// <summary>A tool's error line: the user reads its reason without paths, the log gets the line as it was.</summary>
    public static AudioError CorruptByTool(string toolError) =>
        Corrupt(SafeText.ToolReason(toolError)) with { Detail = toolError };
}

namespace AudioPortal.Audio.Silence;

/// <summary>
/// What counts as silence: a run of at least <see cref="MinSilenceMs"/> whose 20 ms frames (RMS of the mono mix) are
/// quieter than <see cref="ThresholdDb"/> under the file's median frame level — relative, so a quiet recording and a
/// loud one are judged alike. Frames under <see cref="FloorDbfs"/> (absolute) are silent whatever the file's level.
/// </summary>
/// <param name="ThresholdDb">Decibels relative to the median frame level (negative: under it).</param>
/// <param name="FloorDbfs">An absolute level in dBFS under which a frame is always silent; null for none.</param>
/// <param name="MinSilenceMs">The shortest run of quiet frames that is a silence.</param>
/// <param name="SearchWindowSeconds">How far before a nominal cut the planner looks for a silence; null for 15 % of the part, at most 60 s.</param>
public sealed record SilenceSettings(
    double ThresholdDb = SilenceSettings.DefaultThresholdDb,
    double? FloorDbfs = null,
    int MinSilenceMs = SilenceSettings.DefaultMinSilenceMs,
    double? SearchWindowSeconds = null)
{
    public const double DefaultThresholdDb = -25;
    public const int DefaultMinSilenceMs = 300;
    public const double MaxSearchWindowSeconds = 60;

    /// <summary>The search window's share of a part when none is given.</summary>
    public const double DefaultSearchWindowShare = 0.15;

    /// <summary>The settings' own error, or null when they are usable.</summary>
    public AudioError? Validate()
    {
        if (!double.IsFinite(ThresholdDb) || ThresholdDb is < -80 or > 0)
        {
            return Invalid("silence.thresholdDb must be between -80 and 0 (dB under the file's median level).");
        }

        if (FloorDbfs is { } floor && (!double.IsFinite(floor) || floor is < -120 or > 0))
        {
            return Invalid("silence.floorDbfs must be between -120 and 0 dBFS.");
        }

        if (MinSilenceMs is < 20 or > 10_000)
        {
            return Invalid("silence.minSilenceMs must be between 20 and 10000.");
        }

        return SearchWindowSeconds is { } w && (!double.IsFinite(w) || w <= 0 || w > MaxSearchWindowSeconds)
            ? Invalid("silence.searchWindow must be above 0 and at most 60 seconds.")
            : null;
    }

    private static AudioError Invalid(string message) => new(AudioErrorCodes.InvalidParams, message);
}

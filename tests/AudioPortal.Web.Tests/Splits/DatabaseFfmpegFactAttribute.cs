namespace AudioPortal.Web.Tests.Splits;

/// <summary>A <see cref="DatabaseFactAttribute"/> that also needs ffmpeg (skipped without it, as <see cref="FfmpegFactAttribute"/>).</summary>
public sealed class DatabaseFfmpegFactAttribute : DatabaseFactAttribute
{
    public DatabaseFfmpegFactAttribute() => Skip = FfmpegAvailability.SkipReason;
}

/// <summary>A <see cref="DatabaseTheoryAttribute"/> that also needs ffmpeg.</summary>
public sealed class DatabaseFfmpegTheoryAttribute : DatabaseTheoryAttribute
{
    public DatabaseFfmpegTheoryAttribute() => Skip = FfmpegAvailability.SkipReason;
}

using AudioPortal.Audio.Planning;

namespace AudioPortal.Audio.Writing;

/// <summary>Where and how to write the parts of a split.</summary>
/// <param name="OutputDirectory">Created if missing; parts are named <c>{BaseName}-part-01.{ext}</c>.</param>
/// <param name="Parallelism">How many encoder processes may run at once.</param>
/// <param name="Progress">Receives 0–100 as the split advances.</param>
public sealed record SplitOptions(
    string OutputDirectory,
    string BaseName,
    int Parallelism,
    IProgress<double>? Progress = null)
{
    /// <summary>Names the parts (tokens <c>{name} {n} {n:02} {N} {title} {start}</c>); null for <c>{name}-part-{n:02}</c>.</summary>
    public string? NameTemplate { get; init; }

    /// <summary>The plan's fade, set by the engine for the encoders.</summary>
    internal int FadeMs { get; init; }
}

/// <summary>A written part. For VBR <c>fileSize</c> splits the parts may differ from the first plan (re-split to fit).</summary>
public sealed record SplitPart(int Index, string Path, long Size, double StartSeconds, double DurationSeconds);

/// <summary>The file extension of each output format (aac → m4a).</summary>
public static class OutputFormats
{
    public static string Extension(OutputFormat format) => format switch
    {
        OutputFormat.Aac => "m4a",
        _ => format.ToString().ToLowerInvariant(),
    };

    public static string ContentType(OutputFormat format) => format switch
    {
        OutputFormat.Mp3 => "audio/mpeg",
        OutputFormat.Wav => "audio/wav",
        OutputFormat.Flac => "audio/flac",
        OutputFormat.Ogg => "audio/ogg",
        OutputFormat.Aac => "audio/mp4",
        _ => "application/octet-stream",
    };

    /// <summary>Parses the API's lowercase names (mp3, wav, flac, ogg, aac); null for anything else.</summary>
    public static OutputFormat? Parse(string? name) => name?.ToLowerInvariant() switch
    {
        "mp3" => OutputFormat.Mp3,
        "wav" => OutputFormat.Wav,
        "flac" => OutputFormat.Flac,
        "ogg" => OutputFormat.Ogg,
        "aac" => OutputFormat.Aac,
        _ => null,
    };
}

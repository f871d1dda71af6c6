namespace AudioPortal.Audio.Probing;

/// <summary>
/// Vorbis comment field names (FLAC, Ogg) against the ffmpeg-style tag names the engine uses everywhere (as for ID3):
/// read in one direction by the probe, written in the other by the FLAC encoder, so tags round-trip.
/// </summary>
internal static class VorbisCommentNames
{
    // The fields ffmpeg renames both ways.
    private static readonly (string Vorbis, string Engine)[] Renamed =
    [
        ("TRACKNUMBER", "track"),
        ("DISCNUMBER", "disc"),
        ("ALBUMARTIST", "album_artist"),
        ("DESCRIPTION", "comment"),
    ];

    private static readonly Dictionary<string, string> ToEngineNames = new(
        Renamed.Select(r => KeyValuePair.Create(r.Vorbis.ToLowerInvariant(), r.Engine)).Append(KeyValuePair.Create("year", "date")),
        StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<string, string> ToVorbisNames = new(
        Renamed.Select(r => KeyValuePair.Create(r.Engine, r.Vorbis)), StringComparer.OrdinalIgnoreCase);

    /// <summary>The engine's name for a Vorbis field (lower case in, as ffprobe's keys are lowered); others unchanged.</summary>
    public static string ToEngine(string vorbisName) => ToEngineNames.GetValueOrDefault(vorbisName, vorbisName);

    /// <summary>The Vorbis field for an engine tag name; others unchanged (Vorbis names are case-insensitive).</summary>
    public static string ToVorbis(string engineName) => ToVorbisNames.GetValueOrDefault(engineName, engineName);
}

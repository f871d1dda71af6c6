namespace AudioPortal.Audio.Planning;

/// <summary>Why a part ends where it does (the last part ends with the source: <see cref="Nominal"/>).</summary>
public enum CutReason
{
    /// <summary>At the point the mode asked for (every N seconds, N equal parts, as much as fits).</summary>
    Nominal,

    /// <summary>Moved back from the nominal point to the middle of a silence.</summary>
    Silence,

    /// <summary>Not at a silence: none in the search window, or a cap forced the cut earlier.</summary>
    Hard,

    /// <summary>At a chapter or CUE track boundary.</summary>
    Chapter,

    /// <summary>Added by the writer because an encoded part came out over <c>maxFileSize</c>.</summary>
    SizeResplit,
}

/// <summary>The contract's names of <see cref="CutReason"/> values.</summary>
public static class CutReasons
{
    public static string Name(CutReason reason) => reason switch
    {
        CutReason.Silence => "silence",
        CutReason.Hard => "hard",
        CutReason.Chapter => "chapter",
        CutReason.SizeResplit => "size-resplit",
        _ => "nominal",
    };
}

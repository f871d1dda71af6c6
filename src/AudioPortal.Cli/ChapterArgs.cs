using AudioPortal.Audio.Planning;

namespace AudioPortal.Cli;

/// <summary>The <c>split</c> options for chapter splits: at the source's own chapters, or at a CUE sheet's tracks.</summary>
internal static class ChapterArgs
{
    public const string Usage = """
          --chapters       one part per chapter embedded in the source (MP3 ID3v2 CHAP, M4A/M4B chapters,
                           FLAC CUESHEET, Vorbis CHAPTERxxx comments)
          --cue FILE       one part per TRACK of this CUE sheet (INDEX 01 times over the input); implies --chapters
        """;

    /// <summary>A chapter request when <c>--chapters</c> or <c>--cue</c> is given (the format is settled later), else null.</summary>
    public static SplitRequest? Read(CliArgs args)
    {
        var cueFile = args.Optional("cue");
        if (!args.Flag("chapters") && cueFile is null)
        {
            return null;
        }

        string? cue = null;
        if (cueFile is not null)
        {
            try
            {
                cue = File.ReadAllText(cueFile);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliUsageException($"--cue: cannot read '{cueFile}': {e.Message}");
            }
        }

        return new SplitRequest(SplitMode.Chapters, OutputFormat.Mp3) { CueSheet = cue };
    }
}

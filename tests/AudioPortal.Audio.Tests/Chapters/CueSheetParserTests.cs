using AudioPortal.Audio.Chapters;

namespace AudioPortal.Audio.Tests.Chapters;

public class CueSheetParserTests
{
    private static IReadOnlyList<Chapter> Ok(string cue)
    {
        var parsed = CueSheetParser.Parse(cue);
        Assert.True(parsed.IsSuccess, parsed.Error?.ToString());
        return parsed.Value;
    }

    private static AudioError Error(string cue)
    {
        var parsed = CueSheetParser.Parse(cue);
        Assert.False(parsed.IsSuccess);
        Assert.Equal(AudioErrorCodes.InvalidParams, parsed.Error.Code);
        return parsed.Error;
    }

    [Fact]
    public void Tracks_give_their_titles_performers_and_index_01_times_in_75ths_of_a_second()
    {
        var chapters = Ok("""
            PERFORMER "Album Artist"
            TITLE "Album"
            FILE "book.wav" WAVE
              TRACK 01 AUDIO
                TITLE "Opening"
                PERFORMER "Reader"
                INDEX 01 00:00:00
              TRACK 02 AUDIO
                TITLE "Second"
                INDEX 00 01:02:00
                INDEX 01 01:02:37
            """);

        Assert.Equal(["Opening", "Second"], chapters.Select(c => c.Title));
        Assert.Equal("Reader", chapters[0].Performer);
        Assert.Null(chapters[1].Performer);
        Assert.Equal(62 + 37 / 75.0, chapters[1].StartSeconds, 9);
    }

    [Fact]
    public void A_bom_crlf_rem_lines_and_lowercase_commands_are_read()
    {
        var chapters = Ok("\uFEFFREM GENRE Audiobook\r\nFILE \"a.wav\" WAVE\r\n  track 1 AUDIO\r\n    title Untitled one\r\n    REM SAMPLE 0\r\n    index 01 00:00:00\r\n  TRACK 2 AUDIO\r\n    INDEX 01 10:00:74\r\n");

        Assert.Equal(["Untitled one", null], chapters.Select(c => c.Title));
        Assert.Equal(600 + 74 / 75.0, chapters[1].StartSeconds, 9);
    }

    [Theory]
    [InlineData("TRACK x AUDIO\nINDEX 01 00:00:00", "line 1: TRACK needs a number")]
    [InlineData("TRACK 01 AUDIO\nINDEX 01 00:00", "line 2: INDEX needs a number and a time")]
    [InlineData("TRACK 01 AUDIO\nINDEX 01 00:61:00", "line 2: 00:61:00 is not a time")]
    [InlineData("TRACK 01 AUDIO\nINDEX 01 00:01:75", "line 2: 00:01:75 is not a time")]
    [InlineData("TRACK 02 AUDIO\nINDEX 01 00:00:00\nTRACK 01 AUDIO\nINDEX 01 00:10:00", "line 3: TRACK 1 comes after TRACK 2")]
    [InlineData("TRACK 01 AUDIO\nINDEX 01 00:10:00\nTRACK 02 AUDIO\nINDEX 01 00:05:00", "line 3: TRACK 2 starts at or before")]
    [InlineData("TRACK 01 AUDIO\nTITLE \"no index\"", "line 1: TRACK 1 has no INDEX 01")]
    [InlineData("REM only a comment", "no TRACK lines")]
    public void Malformed_sheets_name_the_line_and_the_problem(string cue, string expected) =>
        Assert.Contains(expected, Error(cue).Message);
}

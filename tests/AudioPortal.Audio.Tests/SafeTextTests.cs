namespace AudioPortal.Audio.Tests;

public sealed class SafeTextTests
{
    [Theory]
    [InlineData("file:/srv/data/blobs/usr_1/uploads/upl_2: End of file", "End of file")]
    [InlineData("/tmp/x/in.ogg: Invalid data found when processing input", "Invalid data found when processing input")]
    [InlineData("[mov,mp4 @ 0x55d] moov atom not found", "[mov,mp4 @ 0x55d] moov atom not found")]
    [InlineData("Error opening output /home/app/work/job_1/part-001.mp3.", "Error opening output the file")]
    [InlineData("", "the decoder gave no reason")]
    public void A_tool_reason_keeps_the_words_and_drops_the_paths(string line, string reason) =>
        Assert.Equal(reason, SafeText.ToolReason(line));

    [Theory]
    [InlineData("No space left on device : '/var/lib/audioportal/work/job_1'", "No space left on device : 'the file'")]
    [InlineData("time base 1/44100 at http://example.com/a/b.mp3", "time base 1/44100 at http://example.com/a/b.mp3")]
    [InlineData("read file:/data/x.wav and /data/y.wav", "read the file and the file")]
    public void Paths_are_replaced_and_fractions_and_urls_kept(string text, string expected) =>
        Assert.Equal(expected, SafeText.WithoutPaths(text));
}

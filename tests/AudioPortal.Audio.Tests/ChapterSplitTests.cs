using AudioPortal.Audio.Planning;
using AudioPortal.Audio.Tests.Ffmpeg;
using AudioPortal.Audio.Probing;
using AudioPortal.Audio.Tests.Planning;
using AudioPortal.Audio.Tests.TestAudio;
using AudioPortal.Audio.Writing;

namespace AudioPortal.Audio.Tests;

/// <summary>Chapter splits end to end: probe, plan from a CUE sheet or embedded chapters, write, and check the parts.</summary>
public sealed class ChapterSplitTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly AudioEngine _engine = new(new AudioEngineOptions());

    public void Dispose() => _temp.Dispose();

    private async Task<(AudioInfo Source, IReadOnlyList<SplitPart> Parts)> SplitAsync(string path, SplitRequest request, string? nameTemplate = null)
    {
        var source = await _engine.ProbeAsync(path);
        Assert.True(source.IsSuccess, source.Error?.ToString());
        var plan = await _engine.PlanAsync(path, source.Value, request);
        Assert.True(plan.IsSuccess, plan.Error?.ToString());
        var parts = await _engine.SplitAsync(path, source.Value, plan.Value,
            new SplitOptions(_temp.File("parts"), "book", 1) { NameTemplate = nameTemplate });
        Assert.True(parts.IsSuccess, parts.Error?.ToString());
        return (source.Value, parts.Value);
    }

    [Fact]
    public async Task A_wav_split_at_a_cue_sheet_cuts_at_its_times_to_the_sample_and_names_parts_by_title()
    {
        var spec = new WavSpec(SampleRate: 44100, Channels: 2, Frames: 44100 * 20);
        var path = _temp.File("book.wav");
        WavFile.Write(path, spec);
        long[] starts = [0, 75 * 3 + 1, 75 * 7 + 40, 75 * 12 + 74];

        var (_, parts) = await SplitAsync(path,
            new SplitRequest(SplitMode.Chapters, OutputFormat.Wav) { CueSheet = ChapterPlanTests.Cue(starts) }, "{n:02} {title}");

        var lengths = parts.Select(p => WavFile.ReadPcm(p.Path).LongLength / 4).ToList();
        var expectedStarts = starts.Select(f => f * 588).Append(44100L * 20).ToList();
        Assert.Equal(expectedStarts.Zip(expectedStarts.Skip(1), (a, b) => b - a), lengths);
        Assert.Equal(WavFile.Pcm(spec), parts.SelectMany(p => WavFile.ReadPcm(p.Path)).ToArray());
        Assert.Equal(["01 Chapter 1.wav", "02 Chapter 2.wav", "03 Chapter 3.wav", "04 Chapter 4.wav"], parts.Select(p => Path.GetFileName(p.Path)));
    }

    [Fact]
    public async Task Each_part_of_a_cue_sheet_split_carries_its_tracks_performer_as_artist_or_the_sources_when_it_has_none()
    {
        var path = _temp.File("mix.wav");
        WavFile.Write(path, new WavSpec(Frames: 44100 * 6, ExtraChunks: true, Artist: "Various"));
        const string cue = """
            FILE "mix.wav" WAVE
              TRACK 01 AUDIO
                TITLE "Opening"
                PERFORMER "First Band"
                INDEX 01 00:00:00
              TRACK 02 AUDIO
                TITLE "Closing"
                INDEX 01 00:03:00
            """;

        var (_, parts) = await SplitAsync(path, new SplitRequest(SplitMode.Chapters, OutputFormat.Wav) { CueSheet = cue });

        var artists = new List<string>();
        foreach (var part in parts)
        {
            artists.Add((await _engine.ProbeAsync(part.Path)).Value.Tags["artist"]);
        }

        Assert.Equal(["First Band", "Various"], artists);
    }

    private string WriteMp3(byte[] tag, int frames)
    {
        var path = _temp.File("book.mp3");
        File.WriteAllBytes(path, [.. tag, .. SyntheticMp3.Frames(frames)]);
        return path;
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public async Task An_mp3_with_chap_frames_splits_at_the_chapter_times_within_a_frame_and_tags_parts_with_title_and_track(int major)
    {
        var path = WriteMp3(Id3Chapters.Tag(major, (0, 4000, "Prologue"), (4000, 9500, "Chapter One"), (9500, 20000, "Epilogue")), frames: 700);

        var (source, parts) = await SplitAsync(path, new SplitRequest(SplitMode.Chapters, OutputFormat.Mp3));

        Assert.Equal([0, 4.0, 9.5], source.Chapters.Select(c => c.StartSeconds));
        Assert.Equal(3, parts.Count);
        var frame = 1152 / 44100.0;
        Assert.InRange(parts[1].StartSeconds, 4.0 - frame / 2, 4.0 + frame / 2);
        Assert.InRange(parts[2].StartSeconds, 9.5 - frame / 2, 9.5 + frame / 2);
        var tags = new List<IReadOnlyDictionary<string, string>>();
        foreach (var part in parts)
        {
            var probed = await _engine.ProbeAsync(part.Path);
            Assert.True(probed.IsSuccess, probed.Error?.ToString());
            Assert.Empty(probed.Value.Chapters); // the source's chapter list describes the whole file, not a part
            tags.Add(probed.Value.Tags);
        }

        Assert.Equal(["Prologue", "Chapter One", "Epilogue"], tags.Select(t => t["title"]));
        Assert.Equal(["1/3", "2/3", "3/3"], tags.Select(t => t["track"]));
        Assert.All(tags, t => Assert.Equal("The Book", t["album"]));
    }

    [Fact]
    public async Task An_mp3_without_chapters_and_no_cue_sheet_gets_the_clear_error()
    {
        var path = WriteMp3(SyntheticMp3.Id3v2(), frames: 200);
        var source = (await _engine.ProbeAsync(path)).Value;

        var plan = await _engine.PlanAsync(path, source, new SplitRequest(SplitMode.Chapters, OutputFormat.Mp3));

        Assert.Equal(AudioErrorCodes.InvalidParams, plan.Error!.Code);
        Assert.Equal("The source has no chapters; send a cueSheet or choose another split mode.", plan.Error.Message);
    }

    [FfmpegFact]
    public async Task Transcoded_chapter_parts_carry_the_track_title_and_number_and_the_manifest_the_titles()
    {
        var path = _temp.File("book.wav");
        WavFile.Write(path, new WavSpec(Frames: 44100 * 6));
        var request = new SplitRequest(SplitMode.Chapters, OutputFormat.Ogg) { CueSheet = ChapterPlanTests.Cue(0, 75 * 2, 75 * 4) };

        var (source, parts) = await SplitAsync(path, request);

        var titles = new List<string>();
        foreach (var part in parts)
        {
            var tags = (await _engine.ProbeAsync(part.Path)).Value.Tags;
            titles.Add(tags["title"]);
            Assert.Equal($"{titles.Count}/3", tags["track"]);
        }

        Assert.Equal(["Chapter 1", "Chapter 2", "Chapter 3"], titles);
        var plan = (await _engine.PlanAsync(path, source, request)).Value;
        var manifest = await AudioEngine.DescribeAsync("book.wav", source, plan, parts);
        Assert.Equal(titles, manifest.Parts.Select(p => p.Title));
    }

    /// <summary>A 10 s source made by ffmpeg from a WAV with the given extra arguments (chapters or comments).</summary>
    private string Encode(string name, params string[] arguments)
    {
        var wav = _temp.File("tone.wav");
        WavFile.Write(wav, new WavSpec(Frames: 44100 * 10));
        var path = _temp.File(name);
        GeneratedAudio.Run("ffmpeg", ["-hide_banner", "-v", "error", "-nostdin", "-y", "-i", wav, .. arguments, path]);
        return path;
    }

    [FfmpegFact]
    public async Task An_m4a_chapter_list_splits_the_transcode_at_its_times_to_the_millisecond()
    {
        var metadata = _temp.File("chapters.txt");
        File.WriteAllText(metadata, ";FFMETADATA1\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=3500\ntitle=Intro\n"
            + "[CHAPTER]\nTIMEBASE=1/1000\nSTART=3500\nEND=7250\ntitle=Middle\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=7250\nEND=10000\ntitle=End\n");
        var path = Encode("book.m4a", "-i", metadata, "-map", "0", "-map_chapters", "1", "-c:a", "aac");

        var (source, parts) = await SplitAsync(path, new SplitRequest(SplitMode.Chapters, OutputFormat.Aac));

        Assert.Equal([0, 3.5, 7.25], source.Chapters.Select(c => c.StartSeconds));
        Assert.Equal(3, parts.Count);
        Assert.Equal(3.5, parts[1].StartSeconds, 0.001);
        Assert.Equal(7.25, parts[2].StartSeconds, 0.001);
        foreach (var (part, title) in parts.Zip(["Intro", "Middle", "End"]))
        {
            var probed = (await _engine.ProbeAsync(part.Path)).Value;
            Assert.Equal(title, probed.Tags["title"]);
            Assert.Empty(probed.Chapters); // the source's chapter list is not copied into a part
        }
    }

    [FfmpegFact]
    public async Task Vorbis_chapter_comments_split_an_ogg()
    {
        var path = Encode("book.ogg", "-c:a", "libvorbis",
            "-metadata", "CHAPTER000=00:00:00.000", "-metadata", "CHAPTER000NAME=One",
            "-metadata", "CHAPTER001=00:00:04.000", "-metadata", "CHAPTER001NAME=Two");

        var (source, parts) = await SplitAsync(path, new SplitRequest(SplitMode.Chapters, OutputFormat.Ogg));

        Assert.Equal([0, 4.0], source.Chapters.Select(c => c.StartSeconds));
        Assert.Equal(2, parts.Count);
        Assert.Equal(4.0, parts[1].StartSeconds, 0.001);
    }

    [FfmpegFact]
    public async Task A_flac_cuesheet_splits_the_flac_at_its_track_offsets()
    {
        var path = Encode("book.flac", "-c:a", "flac");
        FlacCueSheet.Insert(path, 44100 * 10, 0, 123_456, 300_000);

        var (source, parts) = await SplitAsync(path, new SplitRequest(SplitMode.Chapters, OutputFormat.Flac));

        Assert.Equal([0, 123_456, 300_000], source.Chapters.Select(c => (long)Math.Round(c.StartSeconds * 44100)));
        Assert.Equal([0, 123_456 / 44100.0, 300_000 / 44100.0], parts.Select(p => p.StartSeconds));
    }
}

using AudioPortal.Audio.Planning;
using AudioPortal.Audio.Tests.TestAudio;
using AudioPortal.Audio.Writing;

namespace AudioPortal.Audio.Tests.Writing;

/// <summary>
/// The two promises of a <c>fileSize</c> split, for every output format and kinds of audio that encode at very
/// different rates: no part is over the limit, and every part but the last holds at least 85 % of it.
/// </summary>
public sealed class PartFillTests : IDisposable
{
    private const double Seconds = 75;

    // Stereo 44.1 kHz sources made by ffmpeg's generators; "mixed" switches between the others every 6 seconds.
    private static readonly Dictionary<string, string> Materials = new()
    {
        ["silence"] = "anullsrc=r=44100:cl=stereo",
        ["tone"] = "sine=f=440:r=44100",
        ["noise"] = "anoisesrc=r=44100:c=pink:a=0.3",
        // Syllable-long bursts of shaped noise over a quiet floor, like speech with pauses.
        ["speech-like"] = "anoisesrc=r=44100:c=brown:a=0.6,volume='if(lt(mod(t\\,0.9)\\,0.35)\\,1\\,if(lt(mod(t\\,4)\\,3)\\,0.3\\,0.01))':eval=frame",
        ["mixed"] = "aevalsrc='if(lt(mod(t\\,24)\\,6)\\,0\\,if(lt(mod(t\\,24)\\,12)\\,0.5*sin(2*PI*440*t)\\,if(lt(mod(t\\,24)\\,18)\\,0.3*(random(0)*2-1)\\,0.5*sin(2*PI*220*t)*lt(mod(t\\,0.9)\\,0.4))))':s=44100",
    };

    private static readonly Dictionary<OutputFormat, long> Limits = new()
    {
        [OutputFormat.Wav] = 3_000_000,
        [OutputFormat.Flac] = 1_000_000,
        [OutputFormat.Mp3] = 300_000,
        [OutputFormat.Ogg] = 250_000,
        [OutputFormat.Aac] = 300_000,
    };

    private readonly TempFolder _temp = new();
    private readonly AudioEngine _engine = new(new AudioEngineOptions());

    public static TheoryData<string, OutputFormat> Cases()
    {
        var data = new TheoryData<string, OutputFormat>();
        foreach (var material in Materials.Keys)
        {
            foreach (var format in Limits.Keys)
            {
                data.Add(material, format);
            }
        }

        return data;
    }

    [FfmpegTheory]
    [MemberData(nameof(Cases))]
    public async Task Parts_never_pass_the_limit_and_all_but_the_last_fill_at_least_85_percent_of_it(string material, OutputFormat format)
    {
        var source = Path.Combine(_temp.Path, $"{material}.wav");
        GeneratedAudio.Run("ffmpeg", ["-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i", Materials[material], "-t", "75", "-ac", "2", "-c:a", "pcm_s16le", source]);
        var info = (await _engine.ProbeAsync(source)).Value;
        var limit = Limits[format];
        var plan = _engine.Plan(info, new SplitRequest(SplitMode.FileSize, format, MaxFileSize: limit));
        Assert.True(plan.IsSuccess, plan.Error?.ToString());

        var split = await _engine.SplitAsync(source, info, plan.Value, new SplitOptions(_temp.File("out"), "part", 2));

        Assert.True(split.IsSuccess, split.Error?.ToString());
        var sizes = split.Value.Select(p => new FileInfo(p.Path).Length).ToList();
        var shown = string.Join(", ", sizes.Select(s => $"{s * 100.0 / limit:0.#} %"));
        Assert.All(sizes, s => Assert.True(s <= limit, $"A part is over the limit: {shown}"));
        Assert.All(sizes.SkipLast(1), s => Assert.True(s >= 0.85 * limit, $"A part is under 85 % of the limit: {shown}"));
        Assert.Equal(Seconds, split.Value.Sum(p => p.DurationSeconds), 3);
    }

    public void Dispose() => _temp.Dispose();
}

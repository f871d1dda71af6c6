using AudioPortal.Audio.Planning;
using AudioPortal.Audio.Probing;

namespace AudioPortal.Audio.Writing;

/// <summary>
/// WAV → WAV: copies the planned sample ranges of the PCM data into parts with fixed-size buffers — no decode,
/// sample-exact, memory independent of file size. Headers carry the part's tags; RF64 when a part passes 4 GiB.
/// </summary>
internal static class WavSplitter
{
    private const int BufferSize = 1 << 20;

    public static async Task<AudioResult<IReadOnlyList<SplitPart>>> SplitAsync(
        string sourcePath, AudioInfo source, SplitPlan plan, SplitOptions split, CancellationToken ct)
    {
        await using var input = AudioProbe.OpenRead(sourcePath);
        var probed = await WavProbe.ProbeAsync(input, ct);
        if (!probed.IsSuccess)
        {
            return probed.Error;
        }

        var (actual, layout) = probed.Value;
        if (actual.TotalSamples < plan.Parts[^1].EndSample || actual.SampleRate != plan.SampleRate)
        {
            return new AudioError(AudioErrorCodes.CorruptFile, "The source file changed since it was probed.");
        }

        using var files = new PartFiles(split.OutputDirectory);
        var meter = new ProgressMeter(split.Progress, plan.Parts[^1].EndSample * layout.BlockAlign);
        var buffer = new byte[BufferSize / layout.BlockAlign * layout.BlockAlign];
        var parts = new List<SplitPart>(plan.Parts.Count);
        foreach (var range in plan.Parts)
        {
            ct.ThrowIfCancellationRequested();
            var number = range.Index + 1;
            var name = PartNaming.FileName(split.BaseName, number, plan.Parts.Count, "wav");
            var dataLength = range.Length * layout.BlockAlign;
            var header = WavPartHeader.Build(actual, layout.FmtChunk, PartNaming.Tags(actual.Tags, split.BaseName, number, plan.Parts.Count, range.Title, range.Performer), dataLength);
            if (plan.MaxFileSize is { } max && header.Length + dataLength + (dataLength & 1) > max)
            {
                return new AudioError(AudioErrorCodes.InvalidParams, $"Part {number} would be larger than maxFileSize.");
            }

            await using (var output = files.Create(name))
            {
                await output.WriteAsync(header, ct);
                input.Position = layout.DataOffset + range.StartSample * layout.BlockAlign;
                for (var left = dataLength; left > 0;)
                {
                    var chunk = (int)Math.Min(buffer.Length, left);
                    await input.ReadExactlyAsync(buffer.AsMemory(0, chunk), ct);
                    await output.WriteAsync(buffer.AsMemory(0, chunk), ct);
                    left -= chunk;
                    meter.Advance(chunk);
                }

                if ((dataLength & 1) == 1)
                {
                    output.WriteByte(0);
                }
            }

            var path = files.Complete(name);
            parts.Add(new SplitPart(range.Index, path, new FileInfo(path).Length, plan.StartSeconds(range), plan.DurationSeconds(range)));
        }

        files.Commit();
        meter.Finish();
        return parts;
    }
}

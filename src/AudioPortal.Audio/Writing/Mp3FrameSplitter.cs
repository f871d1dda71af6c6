using AudioPortal.Audio.Planning;
using AudioPortal.Audio.Probing;

namespace AudioPortal.Audio.Writing;

/// <summary>
/// MP3 → MP3 by copying whole frames: no re-encode, cut error ≤ 1 frame. The source's Xing/Info frame is skipped
/// (it describes the whole file) and each part gets its own, plus an ID3v2 tag with the source's tags and the
/// part's title and track. Cuts come from the plan's cumulative sample positions, so parts never drift. For
/// <c>fileSize</c> plans a first pass over the frame headers moves a cut earlier wherever a part would pass the
/// limit (VBR sizes are only estimated by the planner), adding parts at the end if needed.
/// </summary>
internal static class Mp3FrameSplitter
{
    private const int MaxCopiedTagBytes = 256 * 1024;

    public static async Task<AudioResult<IReadOnlyList<SplitPart>>> SplitAsync(
        string sourcePath, AudioInfo source, SplitPlan plan, SplitOptions split, CancellationToken ct)
    {
        await using var input = AudioProbe.OpenRead(sourcePath);
        var probed = await Mp3Probe.ProbeAsync(input, ct);
        if (!probed.IsSuccess)
        {
            return probed.Error;
        }

        var (actual, layout) = probed.Value;
        var spf = layout.FirstFrame.SamplesPerFrame;
        if (actual.TotalSamples < plan.Parts[^1].EndSample || actual.SampleRate != plan.SampleRate)
        {
            return new AudioError(AudioErrorCodes.CorruptFile, "The source file changed since it was probed.");
        }

        var copyBytes = layout.Id3?.CopyableFrames.Sum(f => (long)f.Length) ?? 0;
        var copyFrames = copyBytes <= MaxCopiedTagBytes && (plan.MaxFileSize is not { } m || copyBytes <= m / 8);
        var xingHeader = XingFrame.ChooseHeader(layout.FirstFrame, layout.ConstantBitRate);

        // Cuts as frame indices (exclusive ends); the plan's boundaries are multiples of a frame for this route.
        var ends = plan.Parts.Select(p => (p.EndSample + spf / 2) / spf).Where(e => e > 0 && e < layout.AudioFrames).Distinct().ToList();
        ends.Add(layout.AudioFrames);
        if (plan.MaxFileSize is { } max)
        {
            var worstTag = await Id3v2Writer.BuildAsync(input, layout.Id3,
                PartNaming.WorstCaseTags(actual.Tags, split.BaseName, PartSizeModel.MaxParts), copyFrames, ct);
            // An overlap repeats frames of the part before: room for them is kept in every part.
            var overlapRoom = plan.OverlapSamples / spf * layout.MaxFrameLength;
            var fitted = await FitAsync(input, layout, ends, max - worstTag.Length - xingHeader.FrameLength - overlapRoom, ct);
            if (!fitted.IsSuccess)
            {
                return fitted.Error;
            }

            ends = fitted.Value;
        }

        using var files = new PartFiles(split.OutputDirectory);
        var meter = new ProgressMeter(split.Progress, layout.AudioBytes);
        var scanner = new Mp3FrameScanner(input, layout.AudioStart, layout.AudioEnd);
        if (layout.HasInfoFrame)
        {
            await scanner.NextAsync(ct);
        }

        var parts = new List<SplitPart>(ends.Count);
        long frameIndex = 0;
        var toc = new long[100];
        var overlapFrames = plan.OverlapSamples / spf;
        var recent = new Queue<long>(); // file offsets of the last overlapFrames frames copied, where the next part starts
        for (var i = 0; i < ends.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            if (i > 0 && overlapFrames > 0)
            {
                frameIndex = ends[i - 1] - recent.Count;
                scanner = new Mp3FrameScanner(input, recent.Peek(), layout.AudioEnd);
                recent.Clear();
            }

            var name = PartNaming.FileName(split.BaseName, i + 1, ends.Count, "mp3");
            var tags = PartNaming.Tags(actual.Tags, split.BaseName, i + 1, ends.Count, plan.TitleAt(frameIndex * spf), plan.PerformerAt(frameIndex * spf));
            var tag = await Id3v2Writer.BuildAsync(input, layout.Id3, tags, copyFrames, ct);
            var startFrame = frameIndex;
            var frames = ends[i] - startFrame;
            long bytes = xingHeader.FrameLength;
            var nextPercent = 0;
            await using (var output = files.Create(name))
            await using (var buffered = new BufferedStream(output, 1 << 16))
            {
                await buffered.WriteAsync(tag, ct);
                await buffered.WriteAsync(new byte[xingHeader.FrameLength], ct); // rewritten once the part is known
                for (var j = 0L; j < frames; j++)
                {
                    if (!await scanner.NextAsync(ct))
                    {
                        return new AudioError(AudioErrorCodes.CorruptFile, "The source file changed since it was probed.");
                    }

                    while (nextPercent < 100 && j * 100 >= nextPercent * frames)
                    {
                        toc[nextPercent++] = bytes;
                    }

                    if (overlapFrames > 0)
                    {
                        recent.Enqueue(scanner.FrameOffset);
                        if (recent.Count > overlapFrames)
                        {
                            recent.Dequeue();
                        }
                    }

                    buffered.Write(scanner.FrameBytes);
                    bytes += scanner.Frame.FrameLength;
                    meter.Advance(scanner.Frame.FrameLength);
                }

                await buffered.FlushAsync(ct);
                output.Position = tag.Length;
                await output.WriteAsync(XingFrame.Build(xingHeader, layout.ConstantBitRate, frames, bytes, toc), ct);
            }

            frameIndex = ends[i];
            var path = files.Complete(name);
            parts.Add(new SplitPart(i, path, new FileInfo(path).Length,
                startFrame * spf / (double)actual.SampleRate, frames * spf / (double)actual.SampleRate));
        }

        files.Commit();
        meter.Finish();
        return parts;
    }

    /// <summary>
    /// Walks the frame sizes and ends a part early wherever the planned one would exceed <paramref name="room"/>
    /// bytes of audio; parts after an early cut keep their planned ends, and any frames left get extra parts.
    /// </summary>
    private static async Task<AudioResult<List<long>>> FitAsync(Stream input, Mp3Layout layout, List<long> planned, long room, CancellationToken ct)
    {
        if (room < layout.MaxFrameLength)
        {
            return new AudioError(AudioErrorCodes.InvalidParams, "maxFileSize is too small for one MP3 frame with its tags.");
        }

        var scanner = new Mp3FrameScanner(input, layout.AudioStart, layout.AudioEnd);
        if (layout.HasInfoFrame)
        {
            await scanner.NextAsync(ct);
        }

        var ends = new List<long>();
        var next = 0;
        long index = 0, partBytes = 0;
        while (await scanner.NextAsync(ct))
        {
            var length = scanner.Frame.FrameLength;
            if (partBytes + length > room)
            {
                ends.Add(index);
                partBytes = 0;
            }

            partBytes += length;
            index++;
            while (next < planned.Count && planned[next] <= (ends.Count > 0 ? ends[^1] : 0))
            {
                next++;
            }

            if (next < planned.Count && index == planned[next])
            {
                ends.Add(index);
                partBytes = 0;
                next++;
            }
        }

        if (ends.Count == 0 || ends[^1] != index)
        {
            ends.Add(index);
        }

        return ends.Count > PartSizeModel.MaxParts
            ? new AudioError(AudioErrorCodes.InvalidParams, "maxFileSize would make too many parts.")
            : ends;
    }
}

using AudioPortal.Audio.Ffmpeg;
using AudioPortal.Audio.Planning;
using AudioPortal.Audio.Probing;
using AudioPortal.Audio.Writing.Flac;

namespace AudioPortal.Audio.Writing;

/// <summary>
/// Writes a split that encodes (transcodes, FLAC and Ogg outputs): runs of adjacent ranges are written by one encoder
/// each — an ffmpeg process, or for WAV → FLAC the managed <see cref="FlacRunEncoder"/> — run
/// <see cref="SplitOptions.Parallelism"/> at a time, so a split uses every core instead of one sequential run, and
/// each part is a complete encode with its own exact header (FLAC STREAMINFO, MP3 Xing/LAME, MP4 edit list).
/// For <c>fileSize</c> splits into VBR formats the plan is first redone from the rate this audio really encodes at
/// (<see cref="SizeCalibration"/>); every part is measured after encoding, and from the first that came out over the
/// limit or under-filled, the rest are planned again from the measured sizes and re-encoded (<see cref="PartFill"/>);
/// should that not settle, a part that is too big is re-split, so no part is ever over the limit. WAV → FLAC under a
/// limit is cut by the managed encoder itself, frame by frame, where the next frame would cross the limit.
/// Parts are written as hidden <c>.partial</c> files in the output folder and renamed only when all are done;
/// on failure or cancellation the processes are killed and every file of the split is deleted.
/// </summary>
internal sealed class EncodingSplitter(AudioEngineOptions options)
{
    // A re-split cuts a too-big part into pieces this much smaller than the limit asks for, to converge in one pass.
    private const double ResplitMargin = 0.95;

    // Bytes a FLAC part keeps free for its tags to be rewritten with a different part count ("n of N" twice).
    private const int TagRoom = 64;

    public async Task<AudioResult<IReadOnlyList<SplitPart>>> SplitAsync(
        string sourcePath, AudioInfo source, SplitPlan plan, SplitOptions split, CancellationToken ct)
    {
        if (!InProcess(source, plan) && FfmpegLocator.Resolve(options.FfmpegPath) is null)
        {
            return FfprobeReader.Unavailable(options.FfmpegPath);
        }

        if (plan.Parts.Count == 0 || plan.Parts[^1].EndSample > source.TotalSamples || plan.SampleRate != source.SampleRate)
        {
            return new AudioError(AudioErrorCodes.InvalidParams, "The plan does not fit the source.");
        }

        Directory.CreateDirectory(split.OutputDirectory);
        if (SizeCalibration.Applies(source, plan))
        {
            var refined = await SizeCalibration.RefineAsync(options, sourcePath, source, plan, split, ct);
            if (!refined.IsSuccess)
            {
                return refined.Error;
            }

            plan = refined.Value;
        }

        var fillsFlac = InProcess(source, plan) && plan.MaxFileSize is not null;
        var segments = fillsFlac ? [] : plan.Parts.Select(p => new EncodedSegment(p.StartSample, p.EndSample) { Title = p.Title, Performer = p.Performer }).ToList();
        var progress = new ParallelProgress(split.Progress, source.TotalSamples);
        var committed = false;
        try
        {
            var error = fillsFlac ? await FillFlacAsync(sourcePath, source, plan, split, segments, progress, ct) : null;
            error ??= await WriteAllAsync(sourcePath, source, plan, split, segments, progress, ct);
            if (error is not null)
            {
                return error;
            }

            var parts = Commit(source, plan, split, segments);
            committed = true;
            progress.Finish();
            return parts;
        }
        finally
        {
            if (!committed)
            {
                foreach (var segment in segments)
                {
                    TryDelete(segment.ScratchPath);
                }
            }
        }
    }

    /// <summary>Encodes every segment; for size limits, re-splits what is too big and retags what was renumbered until all fit.</summary>
    private async Task<AudioError?> WriteAllAsync(
        string sourcePath, AudioInfo source, SplitPlan plan, SplitOptions split, List<EncodedSegment> segments,
        ParallelProgress progress, CancellationToken ct)
    {
        var corrections = 0;
        while (true)
        {
            var count = segments.Count;
            var pending = segments.Select((s, i) => (Segment: s, Number: i + 1)).Where(x => x.Segment.ScratchPath is null).ToList();
            var error = await ParallelWork.RunAsync(EncodingRuns.Group(pending, split.Parallelism), split.Parallelism, (group, token) =>
                EncodeAsync(sourcePath, source, plan, split, group, count, progress, token), ct);
            if (error is not null || plan.MaxFileSize is not { } max)
            {
                return error;
            }

            // Filling parts up to the limit re-plans the cuts: only a plan whose cuts are its own (fileSize) may; fixed cuts
            // (every N seconds under a size cap, silences, overlap) are only cut again where a part came out too big.
            if (!plan.FixedCuts && !InProcess(source, plan) && corrections < PartFill.MaxCorrections && PartFill.FirstMisfit(segments, max) is var misfit and >= 0)
            {
                corrections++;
                var tail = PartFill.Replan(segments, misfit, max, source.SampleRate / 10);
                foreach (var stale in segments.Skip(misfit))
                {
                    TryDelete(stale.ScratchPath);
                }

                segments.RemoveRange(misfit, segments.Count - misfit);
                segments.AddRange(tail);
                progress.AddWork(tail.Sum(t => t.Length));
                continue;
            }

            var tooBig = segments.Where(s => s.Size > max).ToList();
            if (tooBig.Count == 0)
            {
                var stale = segments.Select((s, i) => (Segment: s, Number: i + 1)).Where(x => x.Segment.TaggedAs != (x.Number, count)).ToList();
                if (stale.Count == 0)
                {
                    return null;
                }

                error = await ParallelWork.RunAsync(stale, split.Parallelism, (item, token) =>
                    RetagAsync(sourcePath, source, plan, split, item.Segment, item.Number, count, token), ct);
                if (error is not null)
                {
                    return error;
                }

                continue; // a retag changes the size by a few bytes: measure again
            }

            foreach (var segment in tooBig)
            {
                // Pieces must stay audible: below a tenth of a second the limit is simply too small for this format.
                var pieces = segment.SplitFor(max * ResplitMargin);
                if (pieces[0].Length < source.SampleRate / 10)
                {
                    return new AudioError(AudioErrorCodes.InvalidParams, $"maxFileSize ({max} bytes) is too small for this audio in {plan.Format}.");
                }

                TryDelete(segment.ScratchPath);
                var at = segments.IndexOf(segment);
                segments.RemoveAt(at);
                segments.InsertRange(at, pieces);
                progress.AddWork(segment.Length);
            }
        }
    }

    /// <summary>
    /// WAV → FLAC under a size limit: the managed encoder cuts each part where the next frame would cross the limit
    /// (less room for the track tags, written with the planned count and rewritten if the count came out different).
    /// </summary>
    private static async Task<AudioError?> FillFlacAsync(
        string sourcePath, AudioInfo source, SplitPlan plan, SplitOptions split, List<EncodedSegment> segments,
        ParallelProgress progress, CancellationToken ct)
    {
        var estimated = plan.Parts.Count;
        var opened = new List<string>();
        try
        {
            return await FlacRunEncoder.EncodeToLimitAsync(sourcePath, source, plan.MaxFileSize!.Value - TagRoom,
                at =>
                {
                    opened.Add(ScratchPath(split, $"{at}", plan.Format));
                    return (opened[^1], PartNaming.Tags(source.Tags, split.BaseName, opened.Count, estimated));
                },
                (start, end, size) => segments.Add(new EncodedSegment(start, end)
                {
                    ScratchPath = opened[segments.Count], Size = size, TaggedAs = (segments.Count + 1, estimated),
                }),
                progress.ForPart(source.TotalSamples), ct);
        }
        finally
        {
            foreach (var path in opened.Skip(segments.Count))
            {
                TryDelete(path); // a part begun but not finished
            }
        }
    }

    private async Task<AudioError?> EncodeAsync(
        string sourcePath, AudioInfo source, SplitPlan plan, SplitOptions split, List<(EncodedSegment Segment, int Number)> group,
        int count, ParallelProgress progress, CancellationToken ct)
    {
        var outputs = new List<RunOutput>(group.Count);
        foreach (var (segment, number) in group)
        {
            segment.ScratchPath = ScratchPath(split, $"{segment.Start}-{segment.End}", plan.Format); // set before the run, so a failed or cancelled run's files are deleted too
            outputs.Add(new(segment.Start, segment.End, PartNaming.Tags(source.Tags, split.BaseName, number, count, segment.Title, segment.Performer), segment.ScratchPath));
        }

        var length = group[^1].Segment.End - group[0].Segment.Start;
        var report = progress.ForPart(length);
        var error = InProcess(source, plan)
            ? await FlacRunEncoder.EncodeAsync(sourcePath, source, outputs, report, ct)
            : await FfmpegPartEncoder.RunAsync(options, FfmpegArguments.EncodeGroup(sourcePath, source, plan.Format, plan.Encoding, outputs, split.FadeMs), source.SampleRate, report, ct);
        if (error is null)
        {
            report(length);
            foreach (var (segment, number) in group)
            {
                segment.Size = new FileInfo(segment.ScratchPath!).Length;
                segment.TaggedAs = (number, count);
            }
        }

        return error;
    }

    private async Task<AudioError?> RetagAsync(
        string sourcePath, AudioInfo source, SplitPlan plan, SplitOptions split, EncodedSegment segment, int number, int count, CancellationToken ct)
    {
        var current = segment.ScratchPath!;
        var retagged = current + ".retag";
        try
        {
            var tags = PartNaming.Tags(source.Tags, split.BaseName, number, count, segment.Title, segment.Performer);
            // ffmpeg rewrites the tags by stream copy; the managed FLAC encoder is quicker encoding the part again.
            var error = InProcess(source, plan)
                ? await FlacRunEncoder.EncodeAsync(sourcePath, source, [new RunOutput(segment.Start, segment.End, tags, retagged)], _ => { }, ct)
                : await FfmpegPartEncoder.RunAsync(options, FfmpegArguments.Retag(current, source, plan.Format, plan.Encoding, tags, retagged), source.SampleRate, _ => { }, ct);
            if (error is not null)
            {
                return error;
            }

            File.Move(retagged, current, overwrite: true);
            segment.Size = new FileInfo(current).Length;
            segment.TaggedAs = (number, count);
            return null;
        }
        finally
        {
            TryDelete(retagged);
        }
    }

    /// <summary>Renames the scratch files to <c>{BaseName}-part-01.ext</c>… in order.</summary>
    private static List<SplitPart> Commit(AudioInfo source, SplitPlan plan, SplitOptions split, List<EncodedSegment> segments)
    {
        var parts = new List<SplitPart>(segments.Count);
        var extension = OutputFormats.Extension(plan.Format);
        foreach (var (segment, index) in segments.Select((s, i) => (s, i)))
        {
            var path = Path.Combine(split.OutputDirectory, PartNaming.FileName(split.BaseName, index + 1, segments.Count, extension));
            File.Move(segment.ScratchPath!, path, overwrite: true);
            segment.ScratchPath = path;
            parts.Add(new SplitPart(index, path, segment.Size, segment.Start / (double)source.SampleRate, segment.Length / (double)source.SampleRate));
        }

        return parts;
    }

    private static bool InProcess(AudioInfo source, SplitPlan plan) => SplitRoutes.For(source, plan.Format, plan.Encoding) == SplitRoute.FlacEncode;

    /// <summary>A hidden, unique <c>.partial</c> file of this split in its output folder (deleted or renamed by the split).</summary>
    internal static string ScratchPath(SplitOptions split, string label, OutputFormat format) =>
        Path.Combine(split.OutputDirectory, $".{split.BaseName}-{label}-{Guid.NewGuid():N}.{OutputFormats.Extension(format)}.partial");

    internal static void TryDelete(string? path)
    {
        if (path is null)
        {
            return;
        }

        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort; nothing else can be done about a file that cannot be deleted.
        }
    }
}

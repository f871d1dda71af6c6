using AudioPortal.Audio;
using AudioPortal.Audio.Manifest;
using AudioPortal.Audio.Planning;
using AudioPortal.Audio.Writing;
using AudioPortal.Core.Errors;
using AudioPortal.Core.Splits.Presets;
using AudioPortal.Core.Storage;
using Microsoft.Extensions.Logging;

namespace AudioPortal.Core.Splits;

/// <summary>One planned part of a preview: samples [<see cref="StartSample"/>, <see cref="EndSample"/>) of the source.</summary>
public sealed record PreviewPart(
    int Index, double Start, double End, long StartSample, long EndSample, int SampleRate, string CutReason, string? Title, long EstimatedSize);

/// <summary>
/// <c>POST /splits/preview</c>: the parts a create request would make, planned exactly as the worker plans them (the
/// silence analysis included), without a job, stored output or billed minutes. The source (upload or URL) is staged
/// under the account's usual limits and removed afterwards.
/// </summary>
public sealed class PartsPreview(
    CurrentPlan plan, SplitRequestChecks checks, PresetCatalog presets, UploadStaging staging, SplitPreview preview, IBlobStore store, AudioEngine engine,
    ILogger<PartsPreview> logger)
{
    public async Task<Result<IReadOnlyList<PreviewPart>>> PlanAsync(CreateSplitRequest request, StagedUpload? upload, CancellationToken cancellationToken)
    {
        try
        {
            return await PlanCoreAsync(request, upload, cancellationToken);
        }
        finally
        {
            if (upload is not null)
            {
                await staging.DiscardAsync(upload);
            }
        }
    }

    private async Task<Result<IReadOnlyList<PreviewPart>>> PlanCoreAsync(CreateSplitRequest request, StagedUpload? upload, CancellationToken cancellationToken)
    {
        var found = await plan.GetAsync(cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var preset = presets.Apply(request);
        if (!preset.IsSuccess)
        {
            return preset.Error;
        }

        request = preset.Value;
        var mode = await checks.CheckNewAsync(request, upload is not null, cancellationToken);
        if (!mode.IsSuccess)
        {
            return mode.Error;
        }

        if (upload is not null)
        {
            return await PlanSourceAsync(request with { SplitMode = mode.Value }, upload, cancellationToken);
        }

        var fetched = await staging.StageUrlAsync(request.SourceUrl!, cancellationToken);
        if (!fetched.IsSuccess)
        {
            return fetched.Error;
        }

        try
        {
            return await PlanSourceAsync(request with { SplitMode = mode.Value }, fetched.Value, cancellationToken);
        }
        finally
        {
            await staging.DiscardAsync(fetched.Value);
        }
    }

    private async Task<Result<IReadOnlyList<PreviewPart>>> PlanSourceAsync(CreateSplitRequest request, StagedUpload source, CancellationToken cancellationToken)
    {
        var info = await preview.ProbeAsync(source, request.SplitMode, cancellationToken);
        if (!info.IsSuccess)
        {
            return info.Error;
        }

        // The same output default and engine request as the worker, so the preview's parts are the job's parts.
        var format = OutputFormats.Parse(request.OutputFormat ?? SplitLimits.DefaultOutput(info.Value.Container))!.Value;
        await using var local = await store.GetLocalFileAsync(source.Key, cancellationToken);
        var planned = await engine.PlanAsync(local.Path, info.Value, SplitLimits.ToEngineRequest(request, format), cancellationToken);
        if (!planned.IsSuccess)
        {
            return SplitValidation.FromEngine(planned.Error, request.SplitMode, logger, $"preview {source.Key}");
        }

        var plan = planned.Value;
        var manifest = AudioEngine.Describe(SplitLimits.PartBaseName(source.FileName, "source"), info.Value, plan);
        var sizes = AudioEngine.EstimateSizes(info.Value, plan).Bytes;
        return manifest.Parts.Select(p => ToPreview(p, sizes[p.Index])).ToList();
    }

    private static PreviewPart ToPreview(ManifestPart part, long estimatedSize) => new(
        part.Index, Math.Round(part.StartSeconds, 3), Math.Round(part.EndSeconds, 3), part.StartSample, part.EndSample, part.SampleRate,
        CutReasons.Name(part.CutReason), part.Title, estimatedSize);
}

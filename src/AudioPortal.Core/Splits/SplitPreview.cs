using AudioPortal.Audio;
using AudioPortal.Audio.Planning;
using AudioPortal.Audio.Probing;
using AudioPortal.Audio.Silence;
using AudioPortal.Audio.Writing;
using AudioPortal.Core.Errors;
using AudioPortal.Core.Splits.Presets;
using AudioPortal.Core.Storage;
using Microsoft.Extensions.Logging;

namespace AudioPortal.Core.Splits;

/// <summary>What a staged upload holds: the probed facts, and its waveform when the engine could draw it.</summary>
public sealed record UploadPreview(AudioInfo Info, float[]? Peaks);

/// <summary>
/// Reads staged uploads with the audio engine: probes them (for a new job, and for the portal's preview before
/// one exists) and plans the parts exactly as the worker will. Engine failures come back as catalog errors.
/// </summary>
public sealed class SplitPreview(IBlobStore store, AudioEngine engine, SourcePeaks peaks, PresetCatalog presets, ILogger<SplitPreview> logger)
{
    /// <summary>The upload's audio facts; a file the sweeper already removed, or the engine cannot read, is an error.</summary>
    public async Task<Result<AudioInfo>> ProbeAsync(StagedUpload upload, string? mode, CancellationToken cancellationToken)
    {
        if (!store.Exists(upload.Key))
        {
            return Expired();
        }

        await using var local = await store.GetLocalFileAsync(upload.Key, cancellationToken);
        return await ProbeFileAsync(upload, local.Path, mode, cancellationToken);
    }

    /// <summary>Staged too long ago: the storage sweeper has removed it.</summary>
    private static AppError Expired() => AppError.Validation([new FieldError("file", "The upload has expired; upload the file again.")]);

    private async Task<Result<AudioInfo>> ProbeFileAsync(StagedUpload upload, string path, string? mode, CancellationToken cancellationToken)
    {
        var probe = await engine.ProbeAsync(path, cancellationToken);
        return probe.IsSuccess ? probe.Value : SplitValidation.FromEngine(probe.Error, mode, logger, $"upload {upload.Key}");
    }

    /// <summary>The facts and waveform the portal shows for an upload before the user starts the split.</summary>
    public async Task<Result<UploadPreview>> PreviewAsync(StagedUpload upload, CancellationToken cancellationToken)
    {
        if (!store.Exists(upload.Key))
        {
            return Expired();
        }

        // One plaintext copy (when the upload is encrypted) for both the probe and the waveform.
        await using var local = await store.GetLocalFileAsync(upload.Key, cancellationToken);
        var info = await ProbeFileAsync(upload, local.Path, null, cancellationToken);
        if (!info.IsSuccess)
        {
            return info.Error;
        }

        return new UploadPreview(info.Value, await peaks.ComputeAsync(local.Path, info.Value, cancellationToken));
    }

    /// <summary>
    /// The silences of a staged upload at the default detection settings: one streaming pass, so the portal can
    /// re-plan cuts at silence as the user changes the part length without reading the audio again.
    /// </summary>
    public async Task<Result<SilenceMap>> AnalyzeSilenceAsync(StagedUpload upload, AudioInfo source, CancellationToken cancellationToken)
    {
        await using var local = await store.GetLocalFileAsync(upload.Key, cancellationToken);
        var map = await engine.AnalyzeSilenceAsync(local.Path, source, new SilenceSettings(), cancellationToken);
        return map.IsSuccess ? map.Value : SplitValidation.FromEngine(map.Error, null, logger, $"upload {upload.Key}");
    }

    /// <summary>
    /// The planned parts of <paramref name="request"/>'s settings over <paramref name="source"/>, as the worker will
    /// cut them; cuts at silence need the upload's <paramref name="silences"/>, without them the cuts are exact.
    /// </summary>
    public Result<SplitPlan> Plan(AudioInfo source, CreateSplitRequest request, SilenceMap? silences = null)
    {
        var preset = presets.Apply(request);
        if (!preset.IsSuccess)
        {
            return preset.Error;
        }

        request = preset.Value;
        var format = OutputFormats.Parse(request.OutputFormat) ?? OutputFormat.Mp3;
        var wanted = SplitLimits.ToEngineRequest(request, format);
        var plan = silences is null ? engine.Plan(source, wanted with { CutAt = CutAt.Exact }) : engine.Plan(source, wanted, silences);
        // The engine's own message, not a field list: the page shows it under the preview as the user types.
        return plan.IsSuccess ? plan.Value : AppError.FromCode(plan.Error.Code, plan.Error.Message);
    }

    /// <summary>Whether the engine can cut <paramref name="source"/> as <paramref name="job"/> asks (DURATION_TOO_LONG and the like otherwise).</summary>
    public Result CheckPlan(AudioInfo source, SplitJob job, string context)
    {
        // Silences only move cuts back under the same caps, so the exact plan tells whether the split is possible
        // without the analysis pass (the worker runs it).
        var plan = engine.Plan(source, SplitLimits.ToEngineRequest(job, OutputFormats.Parse(job.OutputFormat)!.Value) with { CutAt = CutAt.Exact });
        return plan.IsSuccess ? Result.Success : SplitValidation.FromEngine(plan.Error, job.SplitMode, logger, context);
    }
}

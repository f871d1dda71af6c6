using AudioPortal.Audio;
using AudioPortal.Audio.Planning;
using AudioPortal.Audio.Probing;
using AudioPortal.Audio.Silence;
using AudioPortal.Core.Billing;
using AudioPortal.Core.Errors;
using AudioPortal.Core.Splits;
using AudioPortal.Core.Splits.Presets;
using AudioPortal.Web.Components.Shared;
using AudioPortal.Web.Errors;
using AudioPortal.Web.Portal;
using Microsoft.AspNetCore.Components;

namespace AudioPortal.Web.Splits.Pages;

/// <summary>
/// New split: a source (an upload, probed and drawn at once, or a URL), the split settings with a live preview of
/// the parts the engine will cut, and Start. The probe, the preview and the job all come from Core services.
/// </summary>
public partial class NewSplit : PortalComponentBase
{
    private const int PreviewRows = 50;
    private readonly SplitSettings _settings = new();
    private long? _maxFileSize;
    private UsageReport? _usage;
    private int _sourceTab;
    private string? _uploadId;
    private StagedUpload? _upload;
    private AudioInfo? _info;
    private float[]? _peaks;
    private SplitPlan? _plan;
    private string? _planError;
    private string? _sourceUrl;
    private bool _probing;
    private bool _starting;
    private IReadOnlyDictionary<string, string> _smartErrors = new Dictionary<string, string>();
    private SilenceMap? _silences;
    private bool _findingPauses;

    [Inject]
    private PortalSession Session { get; set; } = null!;

    [Inject]
    private PortalUploads Uploads { get; set; } = null!;

    [Inject]
    private SplitPreview Preview { get; set; } = null!;

    [Inject]
    private SourcePeaks PeakStore { get; set; } = null!;

    [Inject]
    private PresetCatalog Presets { get; set; } = null!;

    [Inject]
    private ErrorToaster Toaster { get; set; } = null!;

    [Inject]
    private NavigationManager Navigation { get; set; } = null!;

    [SupplyParameterFromQuery(Name = "upload")]
    public string? UploadQuery { get; set; }

    private string? ValueError => _settings.ValueError(_info?.DurationSeconds);

    private static string Parts(int count) => count == 1 ? "1 part" : $"{count} parts";

    private IReadOnlyList<double> PlannedCuts => _plan is { } p ? p.Parts.Select(p.StartSeconds).ToList() : [];

    private bool HasTitles => _plan?.Parts.Any(p => p.Title is not null) == true;

    private string ChaptersLabel => _info is { Chapters.Count: > 0 } info ? $"At its chapters ({info.Chapters.Count})" : "At its chapters";

    private bool CanStart => !_starting && ValueError is null && _smartErrors.Count == 0 && !_findingPauses &&
        (_sourceTab == 0 ? _upload is not null && _plan is not null : !string.IsNullOrWhiteSpace(_sourceUrl));

    protected override async Task OnInitializedAsync()
    {
        var max = await Session.RunAsync<UploadStaging, long>(s => s.GetMaxFileSizeAsync(ComponentToken));
        if (Toaster.Check(max))
        {
            _maxFileSize = max.Value;
        }

        var usage = await Session.RunAsync<BillingService, UsageReport>((b, id) => b.GetUsageAsync(id, null, ComponentToken));
        _usage = usage.IsSuccess ? usage.Value : null;

        // Arriving from the dashboard's drop zone: the file is already uploaded.
        if (UploadQuery is { } id && await Session.GetAccountIdAsync() is { } account && Uploads.Find(account, id) is { } staged)
        {
            await UseUploadAsync(id, staged);
        }
    }

    private async Task OnUploadedAsync(UploadedFile file)
    {
        if (await Session.GetAccountIdAsync() is { } account && Uploads.Find(account, file.UploadId) is { } staged)
        {
            await UseUploadAsync(file.UploadId, staged);
        }
    }

    /// <summary>Probes the upload and draws it; an unreadable file is discarded with the engine's catalog error.</summary>
    internal async Task UseUploadAsync(string uploadId, StagedUpload staged)
    {
        _probing = true;
        StateHasChanged();
        try
        {
            var preview = await Session.RunAsync<SplitPreview, UploadPreview>(p => p.PreviewAsync(staged, ComponentToken));
            if (!preview.IsSuccess)
            {
                Toaster.Show(preview.Error);
                await DiscardUploadAsync(uploadId);
                return;
            }

            var info = preview.Value.Info;
            (_uploadId, _upload, _info, _peaks) = (uploadId, staged, info, preview.Value.Peaks);
            _settings.OutputFormat = SplitLimits.DefaultOutput(info.Container);
            if (_settings.Mode == SplitModes.Duration && _settings.SegmentSeconds > info.DurationSeconds)
            {
                _settings.SegmentSeconds = Math.Max(1, (int)Math.Floor(info.DurationSeconds / 2));
            }

            _silences = null;
            await OnSmartCutsChangedAsync();
        }
        finally
        {
            _probing = false;
        }
    }

    private void OnModeChanged(string mode) => Change(() => _settings.Mode = mode);

    private string PresetHelp => _settings.Preset is { } name && Presets.Find(name) is { } preset
        ? $"Parts stay under {(preset.EffectiveMaxFileSize is { } bytes ? ByteSize.Format(bytes) : "any size")}{(preset.MaxSegmentDuration is { } s ? $" and {s:0.#} s" : "")}, whatever you choose below."
        : "A service's limits (e.g. a transcription API's upload cap), kept whatever you choose below.";

    /// <summary>A preset sets the format and cut style it was made for; its caps then hold over the mode chosen.</summary>
    private async Task OnPresetChangedAsync(string? name)
    {
        _settings.Preset = name;
        if (name is not null && Presets.Find(name) is { } preset)
        {
            _settings.OutputFormat = preset.Format.ToString().ToLowerInvariant();
            _settings.CutAtSilence = preset.CutAt == CutAt.Silence;
        }

        await OnSmartCutsChangedAsync();
    }

    /// <summary>Re-plans; the first time cuts in pauses are asked for, the upload's pauses are found once (one pass).</summary>
    private async Task OnSmartCutsChangedAsync()
    {
        UpdatePlan();
        if (!_settings.CutAtSilence || _silences is not null || _upload is not { } upload || _info is not { } info || _findingPauses)
        {
            return;
        }

        _findingPauses = true;
        StateHasChanged();
        try
        {
            var found = await Session.RunAsync<SplitPreview, SilenceMap>(p => p.AnalyzeSilenceAsync(upload, info, ComponentToken));
            if (_upload == upload && Toaster.Check(found))
            {
                _silences = found.Value;
            }
        }
        finally
        {
            _findingPauses = false;
        }

        UpdatePlan();
    }

    private static string CutText(PartRange part, SplitPlan plan) =>
        part.Index == plan.Parts.Count - 1 ? "end" : part.CutReason switch
        {
            CutReason.Silence => "a pause",
            CutReason.Hard => "no pause found",
            CutReason.Chapter => "chapter",
            _ => "exact point",
        };

    private void Change(Action apply)
    {
        apply();
        UpdatePlan();
    }

    private void UpdatePlan()
    {
        (_plan, _planError) = (null, null);
        _smartErrors = _settings.SmartCutErrors();
        if (_info is null || ValueError is not null || _smartErrors.Count > 0)
        {
            return;
        }

        var plan = Preview.Plan(_info, _settings.ToRequest(), _settings.CutAtSilence ? _silences : null);
        if (plan.IsSuccess)
        {
            _plan = plan.Value;
        }
        else
        {
            _planError = plan.Error.Message;
        }
    }

    private async Task StartAsync()
    {
        if (!CanStart || await Session.GetAccountIdAsync() is not { } account)
        {
            return;
        }

        _starting = true;
        try
        {
            StagedUpload? upload = null;
            if (_sourceTab == 0)
            {
                upload = Uploads.Take(account, _uploadId!);
                if (upload is null)
                {
                    Toaster.Show(ErrorCatalog.NotFound.WithMessage("The upload has expired; upload the file again."));
                    Reset();
                    return;
                }
            }

            var request = _settings.ToRequest(_sourceTab == 0 ? null : _sourceUrl!.Trim());
            var created = await Session.RunAsync<SplitCreation, CreatedJob>(s => s.CreateAsync(request, upload, null, ComponentToken));
            if (!Toaster.Check(created))
            {
                // The service consumes a staged upload either way, so the file must be sent again.
                if (upload is not null)
                {
                    Reset();
                }

                return;
            }

            var job = created.Value.Job;
            if (_peaks is not null)
            {
                await PeakStore.SaveAsync(account, job.Id, _peaks, ComponentToken);
            }

            _uploadId = null;
            Navigation.NavigateTo($"/jobs/{job.Id}");
        }
        finally
        {
            _starting = false;
        }
    }

    private async Task DiscardAsync()
    {
        if (_uploadId is not null)
        {
            await DiscardUploadAsync(_uploadId);
        }

        Reset();
    }

    // The shown rows' sizes: exact for lossless copies and wav; for encoders an upper estimate (marked ≈), which the
    // writers keep under any cap. The size model is built once per render, not once per row.
    private IReadOnlyList<string> SizeTexts(SplitPlan plan)
    {
        if (_info is not { } info)
        {
            return plan.Parts.Take(PreviewRows).Select(_ => "").ToList();
        }

        var (sizes, exact) = AudioEngine.EstimateSizes(info, plan);
        return sizes.Take(PreviewRows).Select(bytes => exact ? ByteSize.Format(bytes) : $"≈ {ByteSize.Format(bytes)}").ToList();
    }

    private void Reset() => (_uploadId, _upload, _info, _peaks, _plan, _planError, _silences) = (null, null, null, null, null, null, null);

    private async Task DiscardUploadAsync(string uploadId)
    {
        if (await Session.GetAccountIdAsync() is { } account && Uploads.Take(account, uploadId) is { } staged)
        {
            await Session.RunAsync<UploadStaging>(s => s.DiscardAsync(staged));
        }
    }

    private static string FormatText(AudioInfo info) =>
        $"{SplitLimits.FormatName(info.Container)} ({info.Codec}{(info.BitRate is { } b ? $", {b / 1000} kbps" : "")})";

    private static string MinutesLeftText(UsageReport usage) => usage.Plan.OveragePerMinute is null
        ? $"{Math.Max(0, usage.MinutesIncluded - usage.MinutesProcessed):N0} of {usage.MinutesIncluded:N0} minutes left"
        : $"{usage.MinutesProcessed:N0} of {usage.MinutesIncluded:N0} included minutes used (overage billed after)";

    /// <summary>An upload never committed (the user left) is removed rather than kept until it expires.</summary>
    protected override async ValueTask DisposeAsyncCore()
    {
        if (_uploadId is not null)
        {
            await DiscardUploadAsync(_uploadId);
        }
    }
}

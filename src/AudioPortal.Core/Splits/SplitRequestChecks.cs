using AudioPortal.Core.Errors;
using AudioPortal.Core.Sources;
using AudioPortal.Core.Webhooks;

namespace AudioPortal.Core.Splits;

/// <summary>The field rules of a new job and of a change to a queued one (API.md §3), URLs checked against the address guard.</summary>
public sealed class SplitRequestChecks(AddressGuard guard, SourcesOptions sources, WebhooksOptions webhooks)
{
    /// <summary>Checks a new job's fields; the mode asked for (or implied by its one value) when they are valid.</summary>
    public async Task<Result<string>> CheckNewAsync(CreateSplitRequest request, bool hasUpload, CancellationToken cancellationToken)
    {
        var check = new SplitValidation();
        if (!hasUpload && request.SourceUrl is null)
        {
            check.Missing("sourceUrl", "Is required unless a file is uploaded.");
        }
        else if (hasUpload && request.SourceUrl is not null)
        {
            check.Add("sourceUrl", "Give either a file or a sourceUrl, not both.");
        }
        else if (request.SourceUrl is not null)
        {
            await check.UrlAsync("sourceUrl", request.SourceUrl, guard, sources.AllowPrivateNetworks, cancellationToken);
        }

        var mode = check.Mode(request.SplitMode, request.SegmentDuration, request.MaxFileSize, request.Parts);
        check.ModeValues(mode, request.SegmentDuration, request.MaxFileSize, request.Parts);
        check.SmartCuts(request, mode);
        check.OutputFormat(request.OutputFormat);
        if (request.WebhookUrl is not null)
        {
            await check.UrlAsync("webhookUrl", request.WebhookUrl, guard, webhooks.AllowPrivateNetworks, cancellationToken);
        }

        check.Metadata(request.Metadata);
        return check.IsValid ? mode! : check.ToError();
    }

    /// <summary>The smart-cut fields' problems (the create rules), for a form that shows them beside each field as the user types.</summary>
    public static IReadOnlyList<FieldError> SmartCutProblems(CreateSplitRequest request)
    {
        var check = new SplitValidation();
        check.SmartCuts(request, request.SplitMode);
        return check.Fields;
    }

    /// <summary>Checks a change to <paramref name="job"/> (at most one mode value, within the source's length).</summary>
    public async Task<Result> CheckChangeAsync(SplitJob job, PatchSplitRequest request, CancellationToken cancellationToken)
    {
        var check = new SplitValidation();
        var modes = new[] { request.SegmentDuration is not null, request.MaxFileSize is not null, request.Parts is not null }.Count(x => x);
        if (modes > 1)
        {
            check.Add("segmentDuration", "Give only one of segmentDuration, maxFileSize and parts.");
        }

        check.Ranges(request.SegmentDuration, request.MaxFileSize, request.Parts);
        if (request.SegmentDuration > job.SourceDuration)
        {
            check.Add("segmentDuration", $"Is longer than the source ({job.SourceDuration:0.###} s).", ErrorCatalog.DurationTooLong);
        }

        check.OutputFormat(request.OutputFormat);
        if (!string.IsNullOrEmpty(request.WebhookUrl))
        {
            await check.UrlAsync("webhookUrl", request.WebhookUrl, guard, webhooks.AllowPrivateNetworks, cancellationToken);
        }

        check.Metadata(request.Metadata);
        return check.IsValid ? Result.Success : check.ToError();
    }
}

using System.Globalization;
using System.Text.Json;
using AudioPortal.Core.Errors;
using AudioPortal.Core.Splits;
using AudioPortal.Core.Telemetry;
using AudioPortal.Web.Limits;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace AudioPortal.Web.Splits;

/// <summary>A multipart create request: its fields and the staged upload (null when only a sourceUrl was sent).</summary>
public sealed record UploadForm(CreateSplitRequest Request, StagedUpload? Upload);

/// <summary>
/// Reads <c>multipart/form-data</c> section by section with <see cref="MultipartReader"/>: the <c>file</c> part is
/// streamed straight into storage (never buffered, never IFormFile), fields are small strings, few of them. The whole
/// body is capped at the plan's file size plus an allowance, whether or not <c>Content-Length</c> is sent.
/// </summary>
public sealed class SplitUploadReader(UploadStaging splits, RequestLimitsOptions limits, AudioPortalMetrics metrics, ILogger<SplitUploadReader> logger)
{
    public async Task<Result<UploadForm>> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var max = await splits.GetMaxFileSizeAsync(cancellationToken);
        if (!max.IsSuccess)
        {
            return max.Error;
        }

        if (request.ContentLength > max.Value + limits.UploadAllowanceBytes)
        {
            return TooLarge(max.Value);
        }

        RequestBodyLimit.Apply(request.HttpContext, max.Value + limits.UploadAllowanceBytes);
        var boundary = MediaTypeHeaderValue.TryParse(request.ContentType, out var type) ? HeaderUtilities.RemoveQuotes(type.Boundary).Value : null;
        if (string.IsNullOrEmpty(boundary) || boundary.Length > 70)
        {
            return ErrorCatalog.InvalidParams.WithMessage("The multipart body has no valid boundary.");
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var fieldBudget = new FormFieldBudget(limits.MaxFormFields, limits.MaxFormFieldBytes);
        StagedUpload? upload = null;
        var done = false;
        try
        {
            var reader = new MultipartReader(boundary, request.Body);
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                var disposition = ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var parsed) ? parsed : null;
                var name = disposition?.Name.Value is { } rawName ? HeaderUtilities.RemoveQuotes(rawName).Value : null;
                if (disposition?.IsFileDisposition() == true)
                {
                    if (name == "cueSheet")
                    {
                        // The CUE sheet may come as a second file part: it is text, read within the fields' budget.
                        var cue = await fieldBudget.ReadAsync(section.Body, cancellationToken);
                        if (!cue.IsSuccess)
                        {
                            return cue.Error;
                        }

                        fields[name] = cue.Value;
                        continue;
                    }

                    if (name != "file" || upload is not null)
                    {
                        return AppError.Validation([new FieldError(name ?? "file", "Send exactly one file, in the part named 'file'.")]);
                    }

                    var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                    var staged = await splits.StageUploadAsync(fileName, section.Body, cancellationToken);
                    if (!staged.IsSuccess)
                    {
                        return staged.Error;
                    }

                    upload = staged.Value;
                    metrics.Received(upload.Size, "upload");
                    continue;
                }

                // Every other part, named or not, is a text field: counted, and read only up to what the budget has left.
                var text = await fieldBudget.ReadAsync(section.Body, cancellationToken);
                if (!text.IsSuccess)
                {
                    return text.Error;
                }

                if (!string.IsNullOrEmpty(name))
                {
                    fields[name] = text.Value;
                }
            }

            var form = ToRequest(fields);
            if (!form.IsSuccess)
            {
                return form.Error;
            }

            done = true;
            return new UploadForm(form.Value, upload);
        }
        catch (IOException e) when (RequestBodyLimit.IsTooLarge(e))
        {
            return TooLarge(max.Value);
        }
        catch (Exception e) when (e is InvalidDataException or IOException && !cancellationToken.IsCancellationRequested)
        {
            // The reader's text is for the log: the caller learns the body is malformed, not how the parser failed.
            logger.LogInformation("Unreadable multipart body (request {RequestId}): {Reason}", request.HttpContext.TraceIdentifier, e.Message);
            return ErrorCatalog.InvalidParams.WithMessage("The multipart body could not be read.");
        }
        finally
        {
            if (!done && upload is not null)
            {
                await splits.DiscardAsync(upload);
            }
        }
    }

    private static AppError TooLarge(long max) =>
        ErrorCatalog.FileTooLarge.WithDetails(new Dictionary<string, object?> { ["maxFileSize"] = max },
            $"The upload is larger than the maximum of {max} bytes for this plan.");

    /// <summary>Form fields to the same request the JSON body gives; numbers that do not parse are listed together.</summary>
    private static Result<CreateSplitRequest> ToRequest(Dictionary<string, string> fields)
    {
        var errors = new List<FieldError>();
        int? Int(string name) => Number<int>(name, errors, s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null);
        long? Long(string name) => Number<long>(name, errors, s => long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null);
        double? Real(string name) => Number<double>(name, errors, s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null);
        string? Text(string name) => fields.TryGetValue(name, out var v) && v.Length > 0 ? v : null;
        T? Number<T>(string name, List<FieldError> list, Func<string, T?> parse) where T : struct
        {
            if (Text(name) is not { } raw)
            {
                return null;
            }

            var value = parse(raw.Trim());
            if (value is null)
            {
                list.Add(new FieldError(name, typeof(T) == typeof(double) ? "Must be a number." : "Must be an integer."));
            }

            return value;
        }

        Dictionary<string, string>? metadata = null;
        if (Text("metadata") is { } json)
        {
            try
            {
                metadata = JsonSerializer.Deserialize<Dictionary<string, string>>(json);
            }
            catch (JsonException)
            {
                errors.Add(new FieldError("metadata", "Must be a JSON object with string values."));
            }
        }

        var request = new CreateSplitRequest
        {
            SourceUrl = Text("sourceUrl"),
            SplitMode = Text("splitMode"),
            SegmentDuration = Int("segmentDuration"),
            MaxFileSize = Long("maxFileSize"),
            Parts = Int("parts"),
            OutputFormat = Text("outputFormat"),
            WebhookUrl = Text("webhookUrl"),
            Metadata = metadata,
            CutAt = Text("cutAt"),
            Silence = new[] { "silence.thresholdDb", "silence.floorDbfs", "silence.minSilenceMs", "silence.searchWindow" }.Any(f => Text(f) is not null)
                ? new SilenceFields
                {
                    ThresholdDb = Real("silence.thresholdDb"), FloorDbfs = Real("silence.floorDbfs"),
                    MinSilenceMs = Int("silence.minSilenceMs"), SearchWindow = Real("silence.searchWindow"),
                }
                : null,
            MaxSegmentDuration = Real("maxSegmentDuration"),
            Overlap = Real("overlap"),
            FadeMs = Int("fadeMs"),
            NameTemplate = Text("nameTemplate"),
            CueSheet = Text("cueSheet"),
            Preset = Text("preset"),
            SampleRate = Int("sampleRate"),
            Channels = Int("channels"),
            BitRate = Int("bitRate"),
        };
        return errors.Count > 0 ? AppError.Validation(errors) : request;
    }
}

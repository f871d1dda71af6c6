using System.Globalization;
using System.Text;
using System.Text.Json;
using AudioPortal.Core.Errors;
using AudioPortal.Core.Splits;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace AudioPortal.Web.Splits;

/// <summary>A multipart create request: its fields and the staged upload (null when only a sourceUrl was sent).</summary>
public sealed record UploadForm(CreateSplitRequest Request, StagedUpload? Upload);

/// <summary>
/// Reads <c>multipart/form-data</c> section by section with <see cref="MultipartReader"/>: the <c>file</c> part is
/// streamed straight into storage (never buffered, never IFormFile), fields are small strings. The size limit is
/// checked from <c>Content-Length</c> before reading and again while streaming.
/// </summary>
public sealed class SplitUploadReader(SplitService splits)
{
    /// <summary>Room for boundaries and form fields on top of the file itself when judging <c>Content-Length</c>.</summary>
    public const long MultipartAllowance = 64 * 1024;

    private const int MaxFieldLength = 64 * 1024;

    public async Task<Result<UploadForm>> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var max = await splits.GetMaxFileSizeAsync(cancellationToken);
        if (!max.IsSuccess)
        {
            return max.Error;
        }

        if (request.ContentLength > max.Value + MultipartAllowance)
        {
            return ErrorCatalog.FileTooLarge.WithDetails(new Dictionary<string, object?> { ["maxFileSize"] = max.Value },
                $"The upload is larger than the maximum of {max.Value} bytes for this plan.");
        }

        var boundary = MediaTypeHeaderValue.TryParse(request.ContentType, out var type) ? HeaderUtilities.RemoveQuotes(type.Boundary).Value : null;
        if (string.IsNullOrEmpty(boundary))
        {
            return ErrorCatalog.InvalidParams.WithMessage("The multipart body has no boundary.");
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        StagedUpload? upload = null;
        var done = false;
        try
        {
            var reader = new MultipartReader(boundary, request.Body);
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || disposition.Name.Value is not { } rawName)
                {
                    continue;
                }

                var name = HeaderUtilities.RemoveQuotes(rawName).Value!;
                if (disposition.IsFileDisposition())
                {
                    if (name != "file" || upload is not null)
                    {
                        return AppError.Validation([new FieldError(name, "Send exactly one file, in the part named 'file'.")]);
                    }

                    var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                    var staged = await splits.StageUploadAsync(fileName, section.Body, cancellationToken);
                    if (!staged.IsSuccess)
                    {
                        return staged.Error;
                    }

                    upload = staged.Value;
                }
                else
                {
                    using var text = new StreamReader(section.Body, Encoding.UTF8);
                    var buffer = new char[MaxFieldLength + 1];
                    var read = await text.ReadBlockAsync(buffer, cancellationToken);
                    if (read > MaxFieldLength)
                    {
                        return AppError.Validation([new FieldError(name, "Is too long.")]);
                    }

                    fields[name] = new string(buffer, 0, read);
                }
            }

            var parsed = ToRequest(fields);
            if (!parsed.IsSuccess)
            {
                return parsed.Error;
            }

            done = true;
            return new UploadForm(parsed.Value, upload);
        }
        catch (Exception e) when (e is InvalidDataException or IOException && !cancellationToken.IsCancellationRequested)
        {
            return ErrorCatalog.InvalidParams.WithMessage("The multipart body could not be read: " + e.Message);
        }
        finally
        {
            if (!done && upload is not null)
            {
                await splits.DiscardAsync(upload);
            }
        }
    }

    /// <summary>Form fields to the same request the JSON body gives; numbers that do not parse are listed together.</summary>
    private static Result<CreateSplitRequest> ToRequest(Dictionary<string, string> fields)
    {
        var errors = new List<FieldError>();
        int? Int(string name) => Number<int>(name, errors, s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null);
        long? Long(string name) => Number<long>(name, errors, s => long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null);
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
                list.Add(new FieldError(name, "Must be an integer."));
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
        };
        return errors.Count > 0 ? AppError.Validation(errors) : request;
    }
}

using AudioPortal.Audio.Writing;
using AudioPortal.Core.Errors;
using AudioPortal.Core.Sources;
using Microsoft.Extensions.Logging;

namespace AudioPortal.Core.Splits;

/// <summary>
/// The field rules of API.md §3. Every failing field is collected; one failure answers with its own code
/// (INVALID_FORMAT, DURATION_TOO_SHORT, INVALID_URL or INVALID_PARAMS), several with INVALID_PARAMS 422 listing all
/// of them in <c>details.fields</c>.
/// </summary>
internal sealed partial class SplitValidation
{
    public const long MinMaxFileSize = 65536;
    public const int MaxMetadataKeys = 50;
    public const int MaxMetadataValue = 500;
    private readonly List<(FieldError Field, ErrorDefinition Code)> _problems = [];

    public bool IsValid => _problems.Count == 0;

    public IReadOnlyList<FieldError> Fields => _problems.Select(p => p.Field).ToList();

    public void Add(string field, string message, ErrorDefinition? code = null) =>
        _problems.Add((new FieldError(field, message), code ?? ErrorCatalog.InvalidFields));

    public void Add(string field, AppError error) => Add(field, error.Message, error.Definition);

    /// <summary>A required field that is absent: the answer becomes 400 INVALID_PARAMS (API.md §1), still listing every field.</summary>
    public void Missing(string field, string message) => Add(field, message, ErrorCatalog.InvalidParams);

    public AppError ToError() => _problems.Any(p => p.Code == ErrorCatalog.InvalidParams)
        ? ErrorCatalog.InvalidParams.WithDetails(new Dictionary<string, object?> { ["fields"] = _problems.Select(p => p.Field).ToArray() },
            "Required fields are missing.")
        : _problems.Count == 1
        ? _problems[0].Code == ErrorCatalog.InvalidFields
            ? AppError.Validation([_problems[0].Field])
            : _problems[0].Code.WithDetails(new Dictionary<string, object?> { ["fields"] = new[] { _problems[0].Field } }, _problems[0].Field.Message)
        : AppError.Validation(_problems.Select(p => p.Field));

    /// <summary>The mode asked for, or the one implied by the single mode value given.</summary>
    public string? Mode(string? splitMode, int? segmentDuration, long? maxFileSize, int? parts)
    {
        if (splitMode is not null)
        {
            if (!SplitModes.All.Contains(splitMode))
            {
                Add("splitMode", "Must be one of: duration, fileSize, parts, chapters.");
                return null;
            }

            return splitMode;
        }

        var implied = ModesOfValues(segmentDuration, maxFileSize, parts);
        if (implied.Count == 1)
        {
            return implied[0];
        }

        Missing("splitMode", "Is required: duration, fileSize or parts.");
        return null;
    }

    /// <summary>The modes whose values are given (one of them implies its mode).</summary>
    public static List<string> ModesOfValues(int? segmentDuration, long? maxFileSize, int? parts) =>
        new[] { (segmentDuration is not null, SplitModes.Duration), (maxFileSize is not null, SplitModes.FileSize), (parts is not null, SplitModes.Parts) }
            .Where(m => m.Item1).Select(m => m.Item2).ToList();

    /// <summary>The value the mode needs must be present and in range.</summary>
    public void ModeValues(string? mode, int? segmentDuration, long? maxFileSize, int? parts)
    {
        if (mode == SplitModes.Duration && segmentDuration is null)
        {
            Missing("segmentDuration", "Is required when splitMode is duration.");
        }

        if (mode == SplitModes.FileSize && maxFileSize is null)
        {
            Missing("maxFileSize", "Is required when splitMode is fileSize.");
        }

        if (mode == SplitModes.Parts && parts is null)
        {
            Missing("parts", "Is required when splitMode is parts.");
        }

        Ranges(segmentDuration, maxFileSize, parts);
    }

    /// <summary>The field that holds <paramref name="mode"/>'s value (splitMode itself for chapters, which has none).</summary>
    private static string ModeField(string? mode) => mode switch
    {
        SplitModes.FileSize => "maxFileSize",
        SplitModes.Parts => "parts",
        SplitModes.Chapters => "splitMode",
        _ => "segmentDuration",
    };

    public void Ranges(int? segmentDuration, long? maxFileSize, int? parts)
    {
        if (segmentDuration < 1)
        {
            Add("segmentDuration", "Must be a positive integer (at least 1 second).", ErrorCatalog.DurationTooShort);
        }

        if (maxFileSize < MinMaxFileSize)
        {
            Add("maxFileSize", $"Must be at least {MinMaxFileSize} bytes.");
        }

        if (parts is < 2 or > 1000)
        {
            Add("parts", "Must be between 2 and 1000.");
        }
    }

    public void OutputFormat(string? outputFormat)
    {
        if (outputFormat is not null && OutputFormats.Parse(outputFormat) is null)
        {
            Add("outputFormat", "Must be one of: mp3, wav, flac, ogg, aac.", ErrorCatalog.InvalidFormat);
        }
    }

    public void Metadata(Dictionary<string, string>? metadata)
    {
        if (metadata is null)
        {
            return;
        }

        if (metadata.Count > MaxMetadataKeys)
        {
            Add("metadata", $"Must have at most {MaxMetadataKeys} keys.");
        }

        foreach (var (key, value) in metadata)
        {
            if (value is null)
            {
                Add($"metadata.{key}", "Must be a string.");
            }
            else if (value.Length > MaxMetadataValue)
            {
                Add($"metadata.{key}", $"Must be at most {MaxMetadataValue} characters.");
            }
        }
    }

    public async Task UrlAsync(string field, string? url, AddressGuard guard, bool allowPrivate, CancellationToken cancellationToken)
    {
        var checkedUrl = await guard.CheckUrlAsync(url, allowPrivate, cancellationToken);
        if (!checkedUrl.IsSuccess)
        {
            Add(field, checkedUrl.Error);
        }
    }

    /// <summary>
    /// An engine failure as a catalog error; a planning INVALID_PARAMS names the mode's field. The engine's raw detail
    /// (tool output that may name server paths) goes to <paramref name="log"/> only, with the job or request it belongs to.
    /// </summary>
    public static AppError FromEngine(Audio.AudioError error, string? mode, ILogger? log = null, string? context = null)
    {
        if (error.Detail is { } detail)
        {
            log?.LogWarning("Audio engine failure for {Context}: {Code} {Message} ({Detail})", context, error.Code, error.Message, detail);
        }

        return error.Code == Audio.AudioErrorCodes.InvalidParams
            ? AppError.Validation([new FieldError(FieldOf(error.Message) ?? ModeField(mode), error.Message)])
            : AppError.FromCode(error.Code, error.Message);
    }
}

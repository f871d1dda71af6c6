namespace AudioPortal.Core.Errors;

/// <summary>An occurrence of a catalog error: the entry, the message for this case and optional details.</summary>
public sealed record AppError(ErrorDefinition Definition, string Message, IReadOnlyDictionary<string, object?>? Details)
{
    public string Code => Definition.Code;

    public int Status => Definition.Status;

    /// <summary>A 422 INVALID_PARAMS listing every failing field at once (<c>details.fields</c>).</summary>
    public static AppError Validation(IEnumerable<FieldError> fields) =>
        ErrorCatalog.InvalidFields.WithDetails(new Dictionary<string, object?> { ["fields"] = fields.ToArray() });

    /// <summary>Rebuilds an error stored as text (a failed job's code and message); unknown codes become INTERNAL_ERROR.</summary>
    public static AppError FromCode(string code, string? message = null, IReadOnlyDictionary<string, object?>? details = null)
    {
        var definition = ErrorCatalog.Find(code) ?? ErrorCatalog.InternalError;
        return new AppError(definition, message ?? definition.Message, details);
    }

    public override string ToString() => $"{Code}: {Message}";
}

/// <summary>One invalid field of a request, as listed in <c>details.fields</c>.</summary>
public sealed record FieldError(string Field, string Message);

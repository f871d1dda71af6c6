namespace AudioPortal.Core.Errors;

/// <summary>How loudly the portal shows an error; the API ignores it.</summary>
public enum ErrorSeverity
{
    Info,
    Warning,
    Error,
}

/// <summary>One row of the error catalog: the code clients switch on, its HTTP status, and the default text.</summary>
public sealed record ErrorDefinition(string Code, int Status, string Message, string Category, ErrorSeverity Severity)
{
    /// <summary>An occurrence of this error with its default message.</summary>
    public AppError ToError() => new(this, Message, null);

    /// <summary>An occurrence of this error with a message that says more than the default.</summary>
    public AppError WithMessage(string message) => new(this, message, null);

    /// <summary>An occurrence of this error carrying a details object (for example <c>maxFileSize</c>).</summary>
    public AppError WithDetails(IReadOnlyDictionary<string, object?> details, string? message = null) =>
        new(this, message ?? Message, details);
}

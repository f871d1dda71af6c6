using System.Diagnostics.CodeAnalysis;

namespace AudioPortal.Audio;

/// <summary>
/// The engine's failure: a code that names an entry of AudioPortal's error catalog (the host maps it by
/// name; the engine itself knows nothing of HTTP) and a message for the user.
/// </summary>
public sealed record AudioError(string Code, string Message)
{
    /// <summary>The raw text behind the message (a tool's output, which may name server paths): for the log, never a user.</summary>
    public string? Detail { get; init; }

    public override string ToString() => $"{Code}: {Message}";
}

/// <summary>The catalog codes the engine can fail with.</summary>
public static class AudioErrorCodes
{
    public const string UnsupportedFormat = "UNSUPPORTED_FORMAT";
    public const string CorruptFile = "CORRUPT_FILE";
    public const string DurationTooShort = "DURATION_TOO_SHORT";
    public const string DurationTooLong = "DURATION_TOO_LONG";
    public const string InvalidParams = "INVALID_PARAMS";
    public const string InvalidFormat = "INVALID_FORMAT";
    public const string ServiceUnavailable = "SERVICE_UNAVAILABLE";
    public const string ProcessingTimeout = "PROCESSING_TIMEOUT";

    public static IReadOnlyList<string> All { get; } =
        [UnsupportedFormat, CorruptFile, DurationTooShort, DurationTooLong, InvalidParams, InvalidFormat, ServiceUnavailable, ProcessingTimeout];
}

/// <summary>A value or the <see cref="AudioError"/> that explains why not.</summary>
public readonly struct AudioResult<T>
{
    private readonly T? _value;

    private AudioResult(T? value, AudioError? error)
    {
        _value = value;
        Error = error;
    }

    public AudioError? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    public T Value => IsSuccess ? _value! : throw new InvalidOperationException($"AudioResult holds an error: {Error}");

    public static implicit operator AudioResult<T>(T value) => new(value, null);

    public static implicit operator AudioResult<T>(AudioError error) => new(default, error);
}

using System.Diagnostics.CodeAnalysis;

namespace AudioPortal.Core.Errors;

/// <summary>
/// What a domain service returns: a value, or the catalog error that explains why not.
/// Expected failures travel as values; exceptions are left for bugs, which the host turns into INTERNAL_ERROR.
/// </summary>
public readonly struct Result<T>
{
    private readonly T? _value;

    private Result(T? value, AppError? error)
    {
        _value = value;
        Error = error;
    }

    public AppError? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    public T Value => IsSuccess ? _value! : throw new InvalidOperationException($"Result holds an error, not a value: {Error}");

    public static implicit operator Result<T>(T value) => new(value, null);

    public static implicit operator Result<T>(AppError error) => new(default, error);

    public static implicit operator Result<T>(ErrorDefinition error) => new(default, error.ToError());

    public bool TryGetValue([MaybeNullWhen(false)] out T value, [MaybeNullWhen(true)] out AppError error)
    {
        value = _value;
        error = Error;
        return IsSuccess;
    }

    public Result<TNext> Map<TNext>(Func<T, TNext> map) => IsSuccess ? map(Value) : Error;
}

/// <summary>A result with no value: success, or a catalog error.</summary>
public readonly struct Result
{
    private Result(AppError? error) => Error = error;

    public static Result Success { get; } = new(null);

    public AppError? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    public static implicit operator Result(AppError error) => new(error);

    public static implicit operator Result(ErrorDefinition error) => new(error.ToError());
}

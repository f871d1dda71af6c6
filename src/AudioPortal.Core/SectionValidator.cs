using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace AudioPortal.Core;

/// <summary>
/// Data-annotation validation (attributes, then <see cref="IValidatableObject"/>) of one configuration section whose
/// failures name the key (<c>Splits:Workers: …</c>): the framework's <c>ValidateDataAnnotations</c> names only the
/// property, which leaves an operator guessing the section.
/// </summary>
public sealed class SectionValidator<T>(string section) : IValidateOptions<T>
    where T : class
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var failures = Failures(options, section);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>What is wrong with <paramref name="value"/>, bound from the section <paramref name="path"/>, one line per key.</summary>
    public static IReadOnlyList<string> Failures(object value, string path)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true);
        return results.Select(r =>
        {
            var key = $"{path}:{r.MemberNames.FirstOrDefault()}";
            var message = r.ErrorMessage ?? "is not valid.";
            return message.Contains(key, StringComparison.Ordinal) ? message : $"{key}: {message}";
        }).ToList();
    }
}

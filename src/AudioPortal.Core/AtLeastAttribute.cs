using System.ComponentModel.DataAnnotations;

namespace AudioPortal.Core;

/// <summary>A setting's whole number must be at least <c>minimum</c>, with no upper bound (an unset nullable passes).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AtLeastAttribute(long minimum) : ValidationAttribute("The field {0} must be at least {1}.")
{
    public long Minimum => minimum;

    public override bool IsValid(object? value) => value is null || Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) >= minimum;

    public override string FormatErrorMessage(string name) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, ErrorMessageString, name, minimum);
}

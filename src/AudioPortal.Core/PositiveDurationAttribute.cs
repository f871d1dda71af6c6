using System.ComponentModel.DataAnnotations;

namespace AudioPortal.Core;

/// <summary>
/// A setting's duration must be more than zero (a zero poll interval spins, a zero lease never holds). Unlike
/// <c>[Range(typeof(TimeSpan), …)]</c> its limit needs no parsing, so it reads the same in every culture.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PositiveDurationAttribute() : ValidationAttribute("The field {0} must be a duration of more than zero.")
{
    public override bool IsValid(object? value) => value is not TimeSpan duration || duration > TimeSpan.Zero;
}

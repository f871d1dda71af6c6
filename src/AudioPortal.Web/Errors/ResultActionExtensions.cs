using AudioPortal.Core.Errors;
using Microsoft.AspNetCore.Mvc;

namespace AudioPortal.Web.Errors;

/// <summary>Turns a domain <see cref="Result{T}"/> into an action result: the value, or the error envelope.</summary>
public static class ResultActionExtensions
{
    public static IActionResult ToActionResult<T>(this Result<T> result, Func<T, IActionResult> onSuccess) =>
        result.IsSuccess ? onSuccess(result.Value) : new ErrorEnvelopeResult(result.Error);

    public static IActionResult ToActionResult(this Result result, Func<IActionResult> onSuccess) =>
        result.IsSuccess ? onSuccess() : new ErrorEnvelopeResult(result.Error);

    public static IActionResult ToActionResult(this AppError error) => new ErrorEnvelopeResult(error);
}

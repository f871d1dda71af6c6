using System.Text.Json;
using AudioPortal.Core.Errors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace AudioPortal.Web.Errors;

/// <summary>
/// Reads MVC's model state the way the contract asks: a body that is not JSON (or is missing) is 400;
/// fields that are present but of the wrong type or invalid are 422 with every field listed.
/// Framework messages that name .NET types are replaced with plain words.
/// </summary>
public static class ModelStateErrors
{
    public static AppError ToAppError(ActionContext context) =>
        ToAppError(context.ModelState, context.ActionDescriptor.Parameters
            .Where(p => p.BindingInfo?.BindingSource == BindingSource.Body).Select(p => p.Name).ToHashSet(StringComparer.Ordinal));

    /// <param name="bodyParameters">
    /// Names of the action's [FromBody] parameters. MVC files "the body is required" under the parameter's name when the
    /// body is null or did not bind (e.g. <c>{"segmentDuration":"abc"}</c>, <c>[]</c>); that is no field of the contract.
    /// </param>
    public static AppError ToAppError(ModelStateDictionary modelState, IReadOnlySet<string>? bodyParameters = null)
    {
        var fields = new List<FieldError>();
        var bodyMissing = false;
        foreach (var (key, entry) in modelState)
        {
            foreach (var error in entry.Errors)
            {
                if (bodyParameters?.Contains(key) == true)
                {
                    bodyMissing = true;
                    continue;
                }

                if (IsUnreadableBody(key, error))
                {
                    return ErrorCatalog.InvalidParams.WithMessage("The request body is missing or is not valid JSON.");
                }

                fields.Add(new FieldError(FieldName(key), FieldMessage(error)));
            }
        }

        return fields.Count > 0 ? AppError.Validation(fields)
            : bodyMissing ? ErrorCatalog.InvalidParams.WithMessage("The request body is missing or is not a JSON object.")
            : ErrorCatalog.InvalidParams.ToError();
    }

    private static bool IsUnreadableBody(string key, ModelError error) =>
        key is "$" or "" || (error.Exception is JsonException && !key.StartsWith("$.", StringComparison.Ordinal)) ||
        error.ErrorMessage.Contains("is not valid JSON", StringComparison.OrdinalIgnoreCase) ||
        error.ErrorMessage.StartsWith("A non-empty request body is required", StringComparison.Ordinal);

    /// <summary>"$.segmentDuration" or "SegmentDuration" → "segmentDuration".</summary>
    private static string FieldName(string key)
    {
        var name = key.StartsWith("$.", StringComparison.Ordinal) ? key[2..] : key;
        return name.Length > 0 ? JsonNamingPolicy.CamelCase.ConvertName(name) : name;
    }

    private static string FieldMessage(ModelError error) =>
        error.Exception is not null || error.ErrorMessage.Contains("could not be converted", StringComparison.Ordinal)
            ? "Has the wrong type for this field."
            : error.ErrorMessage;
}

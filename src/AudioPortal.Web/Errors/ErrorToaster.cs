using AudioPortal.Core.Errors;
using MudBlazor;

namespace AudioPortal.Web.Errors;

/// <summary>
/// The portal's one way to show a catalog error: a MudBlazor snackbar with the error's message, its
/// severity taken from the catalog. Every page uses this, so the portal and the API say the same thing.
/// </summary>
public sealed class ErrorToaster(ISnackbar snackbar)
{
    public void Show(AppError error) =>
        snackbar.Add(error.Message, ToSeverity(error.Definition.Severity), o => o.RequireInteraction = error.Definition.Severity == ErrorSeverity.Error);

    public void Show(ErrorDefinition error) => Show(error.ToError());

    /// <summary>Shows the error of a failed result; returns true when the result succeeded.</summary>
    public bool Check<T>(Result<T> result)
    {
        if (!result.IsSuccess)
        {
            Show(result.Error);
        }

        return result.IsSuccess;
    }

    public bool Check(Result result)
    {
        if (!result.IsSuccess)
        {
            Show(result.Error);
        }

        return result.IsSuccess;
    }

    public void Success(string message) => snackbar.Add(message, Severity.Success);

    public static Severity ToSeverity(ErrorSeverity severity) => severity switch
    {
        ErrorSeverity.Info => Severity.Info,
        ErrorSeverity.Warning => Severity.Warning,
        _ => Severity.Error,
    };
}

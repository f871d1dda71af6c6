using AudioPortal.Core.Errors;
using AudioPortal.Web.Errors;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace AudioPortal.Web.Tests.Errors;

public sealed class ErrorToasterTests : BunitContext
{
    public ErrorToasterTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddScoped<ErrorToaster>();
    }

    [Fact]
    public void A_catalog_error_shows_as_a_toast_with_its_message_and_severity()
    {
        var provider = Render<MudSnackbarProvider>();
        var toaster = Services.GetRequiredService<ErrorToaster>();

        provider.InvokeAsync(() => toaster.Show(ErrorCatalog.QuotaExceeded));

        provider.WaitForAssertion(() =>
        {
            var snackbar = provider.Find(".mud-snackbar");
            Assert.Contains(ErrorCatalog.QuotaExceeded.Message, snackbar.TextContent);
            Assert.Contains("mud-alert-filled-warning", snackbar.ClassName);
        });
    }

    [Fact]
    public void A_failed_result_is_shown_and_reported_as_not_ok()
    {
        var provider = Render<MudSnackbarProvider>();
        var toaster = Services.GetRequiredService<ErrorToaster>();
        Result<int> failed = ErrorCatalog.CorruptFile.WithMessage("The MP3 ends after 3 frames.");

        var ok = true;
        provider.InvokeAsync(() => ok = toaster.Check(failed));

        Assert.False(ok);
        provider.WaitForAssertion(() =>
        {
            var snackbar = provider.Find(".mud-snackbar");
            Assert.Contains("The MP3 ends after 3 frames.", snackbar.TextContent);
            Assert.Contains("mud-alert-filled-error", snackbar.ClassName);
        });
    }

    [Theory]
    [InlineData(ErrorSeverity.Info, Severity.Info)]
    [InlineData(ErrorSeverity.Warning, Severity.Warning)]
    [InlineData(ErrorSeverity.Error, Severity.Error)]
    public void Catalog_severities_map_to_snackbar_severities(ErrorSeverity catalog, Severity snackbar) =>
        Assert.Equal(snackbar, ErrorToaster.ToSeverity(catalog));
}

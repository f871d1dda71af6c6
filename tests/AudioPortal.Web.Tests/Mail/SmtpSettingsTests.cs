using AudioPortal.Core.Mail;
using AudioPortal.Web.Mail;
using AudioPortal.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AudioPortal.Web.Tests.Mail;

/// <summary>The <c>Mail:Smtp</c> section: unset means the mail folder, a usable one means SMTP, a broken one stops the start with the key at fault.</summary>
public sealed class SmtpSettingsTests
{
    [Fact]
    public void Without_a_host_mail_goes_to_the_data_folder_and_with_one_over_smtp()
    {
        using var folder = new AppFactory();
        Assert.IsType<FolderMailTransport>(folder.Services.GetRequiredService<IMailTransport>());

        using var smtp = new AppFactory();
        smtp.Settings["Mail:Smtp:Host"] = "mail.example.com";
        smtp.Settings["Mail:Smtp:From"] = "portal@example.com";
        Assert.IsType<SmtpMailTransport>(smtp.Services.GetRequiredService<IMailTransport>());
    }

    [Theory]
    [InlineData("Mail:Smtp:From", null, "Mail:Smtp:From: From is required")]
    [InlineData("Mail:Smtp:From", "", "Mail:Smtp:From")]
    [InlineData("Mail:Smtp:From", "not an address", "Mail:Smtp:From")]
    [InlineData("Mail:Smtp:Port", "0", "Mail:Smtp:Port")]
    [InlineData("Mail:Smtp:TimeoutSeconds", "0", "Mail:Smtp:TimeoutSeconds")]
    [InlineData("Mail:Smtp:Username", "mailer", "Username and Password")]
    [InlineData("Mail:Smtp:Host", "smtp://mail.example.com", "Mail:Smtp:Host")]
    [InlineData("Mail:Smtp:Security", "Tls", "Mail:Smtp:Security")]
    public void A_host_with_an_unusable_smtp_setting_refuses_to_start_naming_the_setting(string key, string? value, string named)
    {
        using var app = new AppFactory();
        app.Settings["Mail:Smtp:Host"] = "mail.example.com";
        app.Settings["Mail:Smtp:From"] = "portal@example.com";
        if (value is null)
        {
            app.Settings.Remove(key);
        }
        else
        {
            app.Settings[key] = value;
        }

        var error = Assert.ThrowsAny<Exception>(() => app.Services);

        Assert.True(error is OptionsValidationException or InvalidOperationException, error.ToString());
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}

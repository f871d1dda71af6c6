using System.ComponentModel.DataAnnotations;

namespace AudioPortal.Web.Mail;

/// <summary>How the connection to the SMTP server is secured.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain text (a relay on the same host or network only).</summary>
    None,

    /// <summary>Connect in plain text, then require STARTTLS (port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,
}

/// <summary>The <c>Mail:Smtp</c> section: mail goes to this server when <see cref="Host"/> is set, to <c>data/mail</c> otherwise.</summary>
public sealed class SmtpOptions : IValidatableObject
{
    public const string Section = "Mail:Smtp";

    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>Unset: StartTls on port 587, SslOnConnect on 465, otherwise STARTTLS when the server offers it.</summary>
    public SmtpSecurity? Security { get; set; }

    /// <summary>The sender address, required with <see cref="Host"/>.</summary>
    [EmailAddress]
    public string? From { get; set; }

    public string FromName { get; set; } = "AudioPortal";

    /// <summary>Connecting, authenticating and sending one message must finish within this.</summary>
    [Range(1, 300)]
    public int TimeoutSeconds { get; set; } = 30;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (IsConfigured && Uri.CheckHostName(Host!.Trim()) == UriHostNameType.Unknown)
        {
            yield return new ValidationResult($"'{Host}' is not a host name or IP address (no scheme or port here: the port goes in Port).", [nameof(Host)]);
        }

        if (IsConfigured && string.IsNullOrWhiteSpace(From))
        {
            yield return new ValidationResult("From is required when Host is set (the sender address of every mail).", [nameof(From)]);
        }

        if (string.IsNullOrEmpty(Username) != string.IsNullOrEmpty(Password))
        {
            yield return new ValidationResult("Username and Password are set together or not at all.", [nameof(Username), nameof(Password)]);
        }
    }
}

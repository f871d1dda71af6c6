using System.ComponentModel.DataAnnotations;

namespace AudioPortal.Web.Operations.Telemetry;

/// <summary>
/// Metrics and traces (section <c>Telemetry</c>). The Prometheus endpoint <c>/metrics</c> is always there, but answers
/// only whom these settings admit (<see cref="MetricsAccess"/>); everyone else gets the portal's 404. Traces and an OTLP
/// copy of the metrics go out only when <see cref="OtlpEndpoint"/> is set.
/// </summary>
public sealed class TelemetryOptions : IValidatableObject
{
    public const string Section = "Telemetry";

    /// <summary>When set, <c>/metrics</c> needs <c>Authorization: Bearer &lt;token&gt;</c> from any address (and loopback is not enough).</summary>
    public string? MetricsToken { get; set; }

    /// <summary>When set, <c>/metrics</c> answers only requests that arrived on this local port (add it to the server's URLs).</summary>
    [Range(1, 65535)]
    public int? MetricsPort { get; set; }

    /// <summary>An OTLP collector (<c>http://collector:4317</c> for gRPC, <c>http://collector:4318</c> for HTTP); empty exports nothing.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>grpc</c> or <c>http/protobuf</c>.</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>The <c>service.name</c> of exported metrics and traces.</summary>
    [Required]
    public string ServiceName { get; set; } = "audioportal";

    public const int MinTokenLength = 16;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MetricsToken is { } token && (token.Length < MinTokenLength || token.Any(char.IsWhiteSpace)))
        {
            yield return new ValidationResult($"Use at least {MinTokenLength} characters and no spaces.", [nameof(MetricsToken)]);
        }

        if (!string.IsNullOrEmpty(OtlpEndpoint) && OtlpUri is null)
        {
            yield return new ValidationResult($"'{OtlpEndpoint}' is not an absolute http(s) URL.", [nameof(OtlpEndpoint)]);
        }

        if (OtlpProtocol is not ("grpc" or "http/protobuf"))
        {
            yield return new ValidationResult($"'{OtlpProtocol}' is not grpc or http/protobuf.", [nameof(OtlpProtocol)]);
        }
    }

    /// <summary>The collector's address, or null when none (or an invalid one) is configured.</summary>
    public Uri? OtlpUri => Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;
}

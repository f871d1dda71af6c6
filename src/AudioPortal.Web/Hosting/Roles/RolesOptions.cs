using System.ComponentModel.DataAnnotations;

namespace AudioPortal.Web.Hosting.Roles;

/// <summary>
/// The <c>Roles</c> section (or <c>--role</c> on the command line): what this process does. <c>all</c> (one machine's
/// default) serves the portal and the API and processes jobs; <c>web</c> only serves; <c>worker</c> only processes
/// (job workers, webhook dispatch, exports, sweepers, the billing cycle) and answers nothing but health checks and metrics.
/// </summary>
public sealed class RolesOptions : IValidatableObject
{
    public const string All = "all";
    public const string Web = "web";
    public const string Worker = "worker";

    public string Role { get; set; } = All;

    /// <summary>Job workers, the webhook dispatcher, the export worker, the sweepers and the billing cycle run here.</summary>
    public bool RunsBackgroundWork => !Is(Web);

    /// <summary>The portal, the API and the downloads are served here.</summary>
    public bool ServesPortalAndApi => !Is(Worker);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Is(All) && !Is(Web) && !Is(Worker))
        {
            yield return new ValidationResult($"'{Role}' is not a role: use all, web or worker.", [nameof(Role)]);
        }
    }

    private bool Is(string role) => string.Equals(Role, role, StringComparison.OrdinalIgnoreCase);
}

namespace AudioPortal.Web.Hosting.Roles;

public static class RolesWiring
{
    /// <summary><c>--role worker</c> on the command line is <c>Roles:Role</c>.</summary>
    public static IReadOnlyDictionary<string, string> SwitchMappings { get; } = new Dictionary<string, string> { ["--role"] = "Roles:Role" };

    public static WebApplicationBuilder AddRoles(this WebApplicationBuilder builder)
    {
        builder.Services.AddSectionOptions<RolesOptions>("Roles");
        return builder;
    }

    /// <summary>The role as configured, which decides the pipeline MapAudioPortal builds.</summary>
    public static RolesOptions Roles(this WebApplication app) => app.Services.GetRequiredService<RolesOptions>();
}

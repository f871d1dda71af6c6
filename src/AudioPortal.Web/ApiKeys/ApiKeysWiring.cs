namespace AudioPortal.Web.ApiKeys;

/// <summary>Service registration and endpoints of the ApiKeys feature.</summary>
public static class ApiKeysWiring
{
    public static WebApplicationBuilder AddApiKeys(this WebApplicationBuilder builder)
    {
        return builder;
    }
}

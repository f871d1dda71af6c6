namespace AudioPortal.Web.Billing;

/// <summary>Service registration and endpoints of the Billing feature.</summary>
public static class BillingWiring
{
    public static WebApplicationBuilder AddBilling(this WebApplicationBuilder builder)
    {
        return builder;
    }
}

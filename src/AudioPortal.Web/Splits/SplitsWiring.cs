namespace AudioPortal.Web.Splits;

/// <summary>Split jobs: service, worker, storage and signed downloads.</summary>
public static class SplitsWiring
{
    public static WebApplicationBuilder AddSplits(this WebApplicationBuilder builder)
    {
        return builder;
    }

    public static WebApplication MapSplits(this WebApplication app)
    {
        return app;
    }
}

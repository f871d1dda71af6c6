using System.Globalization;
using AudioPortal.Core.Data;
using AudioPortal.Web.Hosting;

namespace AudioPortal.Web.Data;

/// <summary>The <c>Retention</c> section (how long each kind of record is kept), read by the retention and account sweepers.</summary>
public static class RetentionWiring
{
    public static IServiceCollection AddRetention(this IServiceCollection services, IConfiguration config)
    {
        // The former Splits:RecordRetention (then counted from the job's creation) and Splits:SweepInterval still count when unset here.
        services.AddSectionOptions<RetentionOptions>("Retention").PostConfigure(options =>
        {
            options.JobRecords = Former(config, nameof(RetentionOptions.JobRecords), "Splits:RecordRetention") ?? options.JobRecords;
            options.SweepInterval = Former(config, nameof(RetentionOptions.SweepInterval), "Splits:SweepInterval") ?? options.SweepInterval;
        });
        return services;
    }

    private static TimeSpan? Former(IConfiguration config, string key, string formerKey) =>
        string.IsNullOrEmpty(config["Retention:" + key]) && TimeSpan.TryParse(config[formerKey], CultureInfo.InvariantCulture, out var value) ? value : null;
}

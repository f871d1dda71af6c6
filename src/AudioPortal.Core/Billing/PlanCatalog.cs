using AudioPortal.Core.Errors;
using Microsoft.Extensions.Options;

namespace AudioPortal.Core.Billing;

/// <summary>The configured plans. Every account's limits (file size, rate, concurrency, retention, keys) come from here.</summary>
public sealed class PlanCatalog(IOptions<PlanOptions> options)
{
    public const string FreePlanId = "plan_free";

    public IReadOnlyList<Plan> All => options.Value.Plans;

    public Result<Plan> Find(string planId) =>
        All.FirstOrDefault(p => p.Id == planId) is { } plan ? plan : ErrorCatalog.PlanNotFound.WithMessage($"No plan '{planId}'.");

    /// <summary>The plan of an account; an id no longer configured falls back to the free plan rather than failing.</summary>
    public Plan For(string planId) => All.FirstOrDefault(p => p.Id == planId) ?? Free;

    public Plan Free => All.FirstOrDefault(p => p.Id == FreePlanId) ?? throw new InvalidOperationException("Configuration must define plan_free under Plans.");
}

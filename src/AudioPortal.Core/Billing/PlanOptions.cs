namespace AudioPortal.Core.Billing;

/// <summary>Options bound from the <c>Plans</c> section: the plans on offer, in display order.</summary>
public sealed class PlanOptions
{
    public List<Plan> Plans { get; set; } = [];
}

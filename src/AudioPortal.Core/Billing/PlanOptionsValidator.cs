using Microsoft.Extensions.Options;

namespace AudioPortal.Core.Billing;

/// <summary>
/// The <c>Plans</c> list as a whole: each plan's fields (named by their key, <c>Plans:0:MaxFileSize</c>), ids that
/// are unique, and the free plan every new account starts on.
/// </summary>
public sealed class PlanOptionsValidator : IValidateOptions<PlanOptions>
{
    public ValidateOptionsResult Validate(string? name, PlanOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.Plans.Count; i++)
        {
            failures.AddRange(SectionValidator<Plan>.Failures(options.Plans[i], $"Plans:{i}"));
        }

        if (options.Plans.GroupBy(p => p.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            failures.Add($"Plans: the id '{twice.Key}' is used by more than one plan.");
        }

        if (options.Plans.All(p => p.Id != PlanCatalog.FreePlanId))
        {
            failures.Add($"Plans: no plan has the id '{PlanCatalog.FreePlanId}', which every new account starts on.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

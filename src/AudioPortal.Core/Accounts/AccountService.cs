using AudioPortal.Core.Billing;
using AudioPortal.Core.Errors;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AudioPortal.Core.Accounts;

/// <summary>
/// Accounts as the portal's sign-up, the operator command line and tests make them: an Identity user on
/// <c>plan_free</c> (or a named plan) with a fresh webhook secret. Also checks passwords for the token
/// endpoint, with Identity's lockout, so guessing a password through the API is as slow as through the portal.
/// </summary>
public sealed class AccountService(UserManager<Account> users, PlanCatalog plans, TimeProvider clock)
{
    public async Task<Result<Account>> CreateAsync(string? email, string? password, string? planId = null, CancellationToken cancellationToken = default)
    {
        var fields = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(email) || !email.Contains('@', StringComparison.Ordinal))
        {
            fields.Add(new FieldError("email", "A valid email address is required."));
        }

        if (string.IsNullOrEmpty(password))
        {
            fields.Add(new FieldError("password", "A password is required."));
        }

        if (planId is not null && !plans.Find(planId).IsSuccess)
        {
            return ErrorCatalog.PlanNotFound.WithMessage($"No plan '{planId}'.");
        }

        if (fields.Count > 0)
        {
            return AppError.Validation(fields);
        }

        var account = new Account
        {
            Email = email!.Trim(),
            UserName = email.Trim(),
            PlanId = planId ?? PlanCatalog.FreePlanId,
            CreatedAt = clock.GetUtcNow(),
        };
        var created = await users.CreateAsync(account, password!);
        return created.Succeeded ? account : ToError(created);
    }

    /// <summary>The account with this email, or NOT_FOUND if there is none or it has been deleted.</summary>
    public async Task<Result<Account>> FindActiveAsync(string email)
    {
        var account = await users.FindByEmailAsync(email.Trim());
        return account is null || account.DeletedAt is not null
            ? ErrorCatalog.NotFound.WithMessage($"No account with email '{email}'.")
            : account;
    }

    public async Task<Result<Account>> SetPlanAsync(string email, string planId, CancellationToken cancellationToken = default)
    {
        if (!plans.Find(planId).IsSuccess)
        {
            return ErrorCatalog.PlanNotFound.WithMessage($"No plan '{planId}'.");
        }

        return await UpdateActiveAsync(email, account => account.PlanId = planId);
    }

    /// <summary>Gives the account a role (<see cref="AccountRoles"/>): <c>admin</c> opens the operator console to it.</summary>
    public async Task<Result<Account>> SetRoleAsync(string email, string role, CancellationToken cancellationToken = default)
    {
        if (!AccountRoles.All.Contains(role))
        {
            return AppError.Validation([new FieldError("role", $"Unknown role '{role}'. Must be one of: {string.Join(", ", AccountRoles.All)}.")]);
        }

        return await UpdateActiveAsync(email, account => account.Role = role);
    }

    /// <summary>Changes the live account with this email and saves it (NOT_FOUND when there is none).</summary>
    private async Task<Result<Account>> UpdateActiveAsync(string email, Action<Account> change)
    {
        var found = await FindActiveAsync(email);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var account = found.Value;
        change(account);
        var updated = await users.UpdateAsync(account);
        return updated.Succeeded ? account : ToError(updated);
    }

    /// <summary>
    /// The account for an email and password, or UNAUTHORIZED (the same answer for an unknown email, a wrong
    /// password and a locked-out account, so the endpoint tells an attacker nothing). Failures count towards lockout.
    /// </summary>
    public async Task<Result<Account>> VerifyPasswordAsync(string? email, string? password)
    {
        var invalid = ErrorCatalog.Unauthorized.WithMessage("Invalid email or password.");
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            return invalid;
        }

        var account = await users.FindByEmailAsync(email.Trim());
        if (account is null || account.DeletedAt is not null)
        {
            return invalid;
        }

        if (await users.IsLockedOutAsync(account))
        {
            return ErrorCatalog.Unauthorized.WithMessage(account.DisabledAt is null
                ? "Too many failed sign-ins; the account is locked for a few minutes."
                : "The account is disabled; ask the operator.");
        }

        if (!await users.CheckPasswordAsync(account, password))
        {
            await users.AccessFailedAsync(account);
            return invalid;
        }

        await users.ResetAccessFailedCountAsync(account);
        return account;
    }

    /// <summary>Whether the account may still use tokens (exists, not deleted or disabled), its plan and role, for each JWT request.</summary>
    public Task<AccountStanding?> GetStandingAsync(string accountId, CancellationToken cancellationToken = default) =>
        users.Users.Where(a => a.Id == accountId && a.DeletedAt == null && a.DisabledAt == null)
            .Select(a => new AccountStanding(a.Id, a.PlanId, a.SecurityStamp, a.Role))
            .FirstOrDefaultAsync(cancellationToken);

    private static AppError ToError(IdentityResult result)
    {
        var fields = result.Errors.Select(e => new FieldError(FieldOf(e.Code), e.Description)).ToList();
        return AppError.Validation(fields);
    }

    private static string FieldOf(string identityCode) =>
        identityCode.StartsWith("Password", StringComparison.Ordinal) ? "password"
        : identityCode.Contains("Email", StringComparison.Ordinal) || identityCode.Contains("UserName", StringComparison.Ordinal) ? "email"
        : "account";
}

/// <summary>An account's current plan, security stamp (a changed stamp — new password — ends its tokens) and role.</summary>
public sealed record AccountStanding(string AccountId, string PlanId, string? SecurityStamp, string Role = AccountRoles.User)
{
    public bool IsAdmin => Role == AccountRoles.Admin;
}

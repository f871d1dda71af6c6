using AudioPortal.Cli;
using AudioPortal.Core.Accounts;
using AudioPortal.Core.Errors;

namespace AudioPortal.Web.Cli;

/// <summary>
/// <c>users</c>: create an account, set its plan or role, or delete it (an operator's answer to an erasure request), so an
/// install can be run without a browser. Deletion is the same call as the portal's and the API's.
/// </summary>
public sealed class UsersVerb : ICliVerb
{
    public string Name => "users";

    public bool UsesDatabase => true;

    public string Summary => "Create accounts, set their plan or role, delete them.";

    public string Usage => """
        Usage: users create --email <address> --password <password> [--plan <plan_id>]
               users set-plan --email <address> --plan <plan_id>
               users set-role --email <address> --role <user|admin>
               users delete --email <address> --confirm "DELETE MY ACCOUNT"

          create    Creates an account (on plan_free unless --plan is given) with a webhook secret.
          set-plan  Moves an account to another configured plan (plan_free, plan_starter, plan_pro, …).
          set-role  Gives the account a role: admin opens the operator console (/admin, /api/v1/admin/*) to it, user closes it.
          delete    Deletes an account as its owner would: keys revoked, sign-in ended, every stored file removed
                    at once; the remaining records are erased later (Accounts:HardDeleteAfter) but for invoices and
                    usage records, kept anonymised (Retention:BillingRecordYears). Refused while a
                    paid subscription is active (cancel it first). A running server may accept a key it checked
                    in the last ApiKeys:CacheSeconds (5 s) until that cache expires.
        """;

    public async Task<int> RunAsync(CliArgs args, CliContext context)
    {
        var action = args.Positional(0, "an action (create, set-plan, set-role or delete)");
        var accounts = context.Services.GetRequiredService<AccountService>();
        switch (action)
        {
            case "create":
            {
                var email = args.Required("email");
                var password = args.Required("password");
                var plan = args.Optional("plan");
                args.EnsureAllUsed();
                var created = await accounts.CreateAsync(email, password, plan, context.CancellationToken);
                if (!created.IsSuccess)
                {
                    return await FailAsync(context, created.Error);
                }

                await context.Out.WriteLineAsync($"Created {created.Value.Id} <{created.Value.Email}> on {created.Value.PlanId}.");
                return 0;
            }

            case "set-plan":
                return await SetAsync(args, context, "plan", accounts.SetPlanAsync, a => $"{a.Email} is now on {a.PlanId}.");

            case "set-role":
                return await SetAsync(args, context, "role", accounts.SetRoleAsync, a => $"{a.Email} is now {a.Role}.");

            case "delete":
            {
                var email = args.Required("email");
                var confirmation = args.Required("confirm");
                args.EnsureAllUsed();
                var found = await accounts.FindActiveAsync(email);
                if (!found.IsSuccess)
                {
                    return await FailAsync(context, found.Error);
                }

                var account = found.Value;
                context.Services.GetRequiredService<CurrentAccount>().Set(account.Id, Scopes.All);
                var deleted = await context.Services.GetRequiredService<AccountDeletionService>().DeleteAsync(confirmation, context.CancellationToken);
                if (!deleted.IsSuccess)
                {
                    return await FailAsync(context, deleted.Error);
                }

                await context.Out.WriteLineAsync($"{account.Id} <{account.Email}>: {deleted.Value.Message}");
                return 0;
            }

            default:
                throw new CliUsageException($"Unknown users action '{action}'.");
        }
    }

    /// <summary>Sets one field of the account named by <c>--email</c> to <c>--{option}</c> and prints the outcome.</summary>
    private static async Task<int> SetAsync(CliArgs args, CliContext context, string option,
        Func<string, string, CancellationToken, Task<Result<Account>>> set, Func<Account, string> done)
    {
        var email = args.Required("email");
        var value = args.Required(option);
        args.EnsureAllUsed();
        var changed = await set(email, value, context.CancellationToken);
        if (!changed.IsSuccess)
        {
            return await FailAsync(context, changed.Error);
        }

        await context.Out.WriteLineAsync(done(changed.Value));
        return 0;
    }

    /// <summary>Prints the error and every invalid field; exit code 1.</summary>
    internal static async Task<int> FailAsync(CliContext context, AppError error)
    {
        await context.Error.WriteLineAsync($"error: {error.Message}");
        if (error.Details?.GetValueOrDefault("fields") is IEnumerable<FieldError> fields)
        {
            foreach (var field in fields)
            {
                await context.Error.WriteLineAsync($"  {field.Field}: {field.Message}");
            }
        }

        return 1;
    }
}

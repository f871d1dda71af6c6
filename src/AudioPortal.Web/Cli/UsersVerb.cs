using AudioPortal.Cli;
using AudioPortal.Core.Accounts;
using AudioPortal.Core.Errors;

namespace AudioPortal.Web.Cli;

/// <summary>
/// <c>users</c>: create an account, set its plan, or delete it (an operator's answer to an erasure request), so an
/// install can be run without a browser. Deletion is the same call as the portal's and the API's.
/// </summary>
public sealed class UsersVerb : ICliVerb
{
    public string Name => "users";

    public bool UsesDatabase => true;

    public string Summary => "Create accounts, set their plan, delete them.";

    public string Usage => """
        Usage: users create --email <address> --password <password> [--plan <plan_id>]
               users set-plan --email <address> --plan <plan_id>
               users delete --email <address> --confirm "DELETE MY ACCOUNT"

          create    Creates an account (on plan_free unless --plan is given) with a webhook secret.
          set-plan  Moves an account to another configured plan (plan_free, plan_starter, plan_pro, …).
          delete    Deletes an account as its owner would: keys revoked, sign-in ended, every stored file removed
                    at once; the remaining records are erased later (Accounts:HardDeleteAfter) but for invoices and
                    usage records, kept anonymised (Retention:BillingRecordYears). Refused while a
                    paid subscription is active (cancel it first). A running server may accept a key it checked
                    in the last ApiKeys:CacheSeconds (5 s) until that cache expires.
        """;

    public async Task<int> RunAsync(CliArgs args, CliContext context)
    {
        var action = args.Positional(0, "an action (create, set-plan or delete)");
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
            {
                var email = args.Required("email");
                var plan = args.Required("plan");
                args.EnsureAllUsed();
                var moved = await accounts.SetPlanAsync(email, plan, context.CancellationToken);
                if (!moved.IsSuccess)
                {
                    return await FailAsync(context, moved.Error);
                }

                await context.Out.WriteLineAsync($"{moved.Value.Email} is now on {moved.Value.PlanId}.");
                return 0;
            }

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

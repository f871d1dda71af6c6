using AudioPortal.Cli;
using AudioPortal.Core.Accounts;
using AudioPortal.Core.ApiKeys;
using AudioPortal.Core.Storage;
using AudioPortal.Core.Storage.Encryption;

namespace AudioPortal.Web.Cli;

/// <summary><c>keys</c>: create an API key for an account (printed once) or revoke one by id.</summary>
public sealed class KeysVerb : ICliVerb
{
    public string Name => "keys";

    public bool UsesDatabase => true;

    public string Summary => "Create (print once) and revoke API keys; rotate the storage encryption key.";

    public string Usage => """
        Usage: keys create --email <address> --name <name> [--scopes splits:read,splits:write,keys:manage] [--test]
               keys revoke --id <key_…>
               keys rotate-storage [--keep-key]

          create  Creates a key for the account and prints it. It is shown only this once; store it now.
                  Without --scopes the key gets every scope; --test makes an as_test_ key (jobs bill nothing).
          revoke  Revokes the key for good; a running server may accept it for up to ApiKeys:CacheSeconds (5 s)
                  if it checked it just before.
          rotate-storage  Generates a new storage key in keys/storage/, makes it current, and re-encrypts every stored
                  file (and any written before encryption) under it, printing progress. Safe while the server runs.
                  Old keys stay in the folder. With Storage:EncryptionKey(File) set, no key is generated: configure
                  the new key, put the old one in keys/storage/<any name>.key, then run this. --keep-key only
                  converts files not yet under the current key.
        """;

    public async Task<int> RunAsync(CliArgs args, CliContext context)
    {
        var action = args.Positional(0, "an action (create or revoke)");
        var services = context.Services;
        switch (action)
        {
            case "create":
            {
                var email = args.Required("email");
                var name = args.Required("name");
                var scopes = args.Optional("scopes")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var test = args.Flag("test");
                args.EnsureAllUsed();
                var account = await services.GetRequiredService<AccountService>().FindActiveAsync(email);
                if (!account.IsSuccess)
                {
                    return await UsersVerb.FailAsync(context, account.Error);
                }

                services.GetRequiredService<CurrentAccount>().Set(account.Value.Id, Scopes.All);
                var created = await services.GetRequiredService<ApiKeyService>().CreateAsync(new CreateApiKey(name, scopes, null, test), context.CancellationToken);
                if (!created.IsSuccess)
                {
                    return await UsersVerb.FailAsync(context, created.Error);
                }

                await context.Out.WriteLineAsync(created.Value.Key);
                await context.Error.WriteLineAsync($"Created {created.Value.View.Id} ({string.Join(", ", created.Value.View.Scopes)}) for {account.Value.Email}. The key above is shown only once.");
                return 0;
            }

            case "revoke":
            {
                var id = args.Required("id");
                args.EnsureAllUsed();
                var owner = await services.GetRequiredService<ApiKeyDirectory>().FindOwnerAsync(id, context.CancellationToken);
                if (owner is null)
                {
                    await context.Error.WriteLineAsync($"error: No API key '{id}'.");
                    return 1;
                }

                services.GetRequiredService<CurrentAccount>().Set(owner, Scopes.All);
                var revoked = await services.GetRequiredService<ApiKeyService>().RevokeAsync(id, context.CancellationToken);
                if (!revoked.IsSuccess)
                {
                    // Already revoked keys are not found by the service.
                    return await UsersVerb.FailAsync(context, revoked.Error);
                }

                await context.Out.WriteLineAsync($"Revoked {id}.");
                return 0;
            }

            case "rotate-storage":
            {
                var keep = args.Flag("keep-key");
                args.EnsureAllUsed();
                return services.GetRequiredService<IBlobStore>() is LocalBlobStore local
                    ? await RotateStorageAsync(local, !keep, context)
                    : throw new CliUsageException("rotate-storage re-encrypts the local store; with Storage:Provider=S3 the bucket's server-side encryption applies.");
            }

            default:
                throw new CliUsageException($"Unknown keys action '{action}'.");
        }
    }

    private static async Task<int> RotateStorageAsync(LocalBlobStore store, bool newKey, CliContext context)
    {
        var step = 0;
        var progress = new SynchronousProgress<(int Done, int Total)>(p =>
        {
            // A line every 10 % (and the last), so a log of a large store stays short.
            if (p.Done == p.Total || (p.Done * 10 / p.Total) > step)
            {
                step = p.Done * 10 / p.Total;
                context.Error.WriteLine($"{p.Done}/{p.Total} files");
            }
        });
        var result = await StorageRotation.RunAsync(store, newKey, progress, context.CancellationToken);
        await context.Out.WriteLineAsync(
            $"Storage key {StorageKeys.Hex(result.CurrentKeyId)} is current{(result.NewKey ? " (new)" : "")}; re-encrypted {result.Reencrypted} of {result.Total} files.");
        return 0;
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}

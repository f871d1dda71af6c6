using AudioPortal.Core.Accounts;
using AudioPortal.Core.Billing;
using AudioPortal.Core.Data;
using AudioPortal.Core.Errors;
using Microsoft.EntityFrameworkCore;

namespace AudioPortal.Core.ApiKeys;

/// <summary>
/// The current account's API keys: create, list, get, update, revoke, rotate. Rows are reached through the
/// tenant filter, so another account's key is simply not found (404, never 403).
/// </summary>
public sealed class ApiKeyService(AppDbContext db, ICurrentAccount current, PlanCatalog plans, ApiKeyUsage usage, TimeProvider clock)
{
    public const int MaxNameLength = 100;

    public async Task<Result<IssuedApiKey>> CreateAsync(CreateApiKey request, CancellationToken cancellationToken = default)
    {
        if (current.AccountId is not { } accountId)
        {
            return ErrorCatalog.Unauthorized.ToError();
        }

        var now = clock.GetUtcNow();
        var fields = new List<FieldError>();
        var name = ValidateName(request.Name, fields, required: true);
        var scopes = ValidateScopes(request.Scopes, fields);
        ValidateExpiry(request.ExpiresAt, now, fields);
        if (fields.Count > 0)
        {
            return AppError.Validation(fields);
        }

        var planId = await db.Set<Account>().Where(a => a.Id == accountId).Select(a => a.PlanId).SingleAsync(cancellationToken);
        var plan = plans.For(planId);
        var active = await db.Set<ApiKey>().CountAsync(k => k.RevokedAt == null && (k.ExpiresAt == null || k.ExpiresAt > now), cancellationToken);
        if (active >= plan.MaxApiKeys)
        {
            return ErrorCatalog.ApiKeyLimitReached.WithDetails(
                new Dictionary<string, object?> { ["maxApiKeys"] = plan.MaxApiKeys, ["activeApiKeys"] = active },
                $"The {plan.Name} plan allows {plan.MaxApiKeys} active API keys; revoke one or upgrade the plan.");
        }

        var generated = KeyHasher.Generate(request.Test);
        var key = new ApiKey
        {
            AccountId = accountId,
            Name = name!,
            Scopes = string.Join(' ', scopes),
            IsTest = request.Test,
            Prefix = generated.Prefix,
            Hash = generated.Hash,
            CreatedAt = now,
            ExpiresAt = request.ExpiresAt?.ToUniversalTime(),
        };
        db.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return new IssuedApiKey(ToView(key), generated.Key);
    }

    /// <summary>The account's keys that are not revoked (expired ones too, so the user can see and remove them), newest first.</summary>
    public async Task<Result<IReadOnlyList<ApiKeyView>>> ListAsync(CancellationToken cancellationToken = default)
    {
        if (current.AccountId is null)
        {
            return ErrorCatalog.Unauthorized.ToError();
        }

        var keys = await db.Set<ApiKey>().Where(k => k.RevokedAt == null).ToListAsync(cancellationToken);
        return keys.OrderByDescending(k => k.CreatedAt).ThenBy(k => k.Id, StringComparer.Ordinal).Select(ToView).ToList();
    }

    public async Task<Result<ApiKeyView>> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        var found = await FindAsync(id, cancellationToken);
        return found.IsSuccess ? ToView(found.Value) : found.Error;
    }

    public async Task<Result<ApiKeyView>> UpdateAsync(string id, UpdateApiKey request, CancellationToken cancellationToken = default)
    {
        var found = await FindAsync(id, cancellationToken);
        if (!found.TryGetValue(out var key, out var error))
        {
            return error;
        }

        var now = clock.GetUtcNow();
        var fields = new List<FieldError>();
        var name = request.Name is null ? null : ValidateName(request.Name, fields, required: true);
        var scopes = request.Scopes is null ? null : ValidateScopes(request.Scopes, fields);
        if (request.SetExpiresAt)
        {
            ValidateExpiry(request.ExpiresAt, now, fields);
        }

        if (fields.Count > 0)
        {
            return AppError.Validation(fields);
        }

        key.Name = name ?? key.Name;
        key.Scopes = scopes is null ? key.Scopes : string.Join(' ', scopes);
        key.ExpiresAt = request.SetExpiresAt ? request.ExpiresAt?.ToUniversalTime() : key.ExpiresAt;
        key.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return ToView(key);
    }

    /// <summary>Revokes the key at once and for good; its later use answers KEY_REVOKED.</summary>
    public async Task<Result> RevokeAsync(string id, CancellationToken cancellationToken = default)
    {
        var found = await FindAsync(id, cancellationToken);
        if (!found.TryGetValue(out var key, out var error))
        {
            return error;
        }

        key.RevokedAt = clock.GetUtcNow();
        key.UpdatedAt = key.RevokedAt;
        await db.SaveChangesAsync(cancellationToken);
        return Result.Success;
    }

    /// <summary>A new secret for the same key id, name and scopes; the old secret stops working at once.</summary>
    public async Task<Result<IssuedApiKey>> RotateAsync(string id, CancellationToken cancellationToken = default)
    {
        var found = await FindAsync(id, cancellationToken);
        if (!found.TryGetValue(out var key, out var error))
        {
            return error;
        }

        var generated = KeyHasher.Generate(key.IsTest);
        key.PreviousPrefix = key.Prefix;
        key.PreviousHash = key.Hash;
        key.Prefix = generated.Prefix;
        key.Hash = generated.Hash;
        key.RotatedAt = clock.GetUtcNow();
        key.UpdatedAt = key.RotatedAt;
        await db.SaveChangesAsync(cancellationToken);
        return new IssuedApiKey(ToView(key), generated.Key);
    }

    private async Task<Result<ApiKey>> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (current.AccountId is null)
        {
            return ErrorCatalog.Unauthorized.ToError();
        }

        var key = await db.Set<ApiKey>().FirstOrDefaultAsync(k => k.Id == id && k.RevokedAt == null, cancellationToken);
        return key is null ? ErrorCatalog.NotFound.WithMessage($"No API key '{id}'.") : key;
    }

    private ApiKeyView ToView(ApiKey key)
    {
        // Uses not yet flushed to the database are added, so the numbers are current.
        var pending = usage.Pending(key.Id);
        var lastUsed = pending.LastUsedAt is { } p && (key.LastUsedAt is null || p > key.LastUsedAt) ? p : key.LastUsedAt;
        return new ApiKeyView(key.Id, key.Name, KeyHasher.Preview(key.Prefix), Canonical(key.ScopeSet), key.IsTest,
            lastUsed, key.UsageCount + pending.Count, key.CreatedAt, key.UpdatedAt, key.ExpiresAt, key.RotatedAt);
    }

    private static IReadOnlyList<string> Canonical(IReadOnlySet<string> scopes) => Accounts.Scopes.Ordered.Where(scopes.Contains).ToList();

    private static string? ValidateName(string? name, List<FieldError> fields, bool required)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            if (required)
            {
                fields.Add(new FieldError("name", "Required: give the key a name."));
            }

            return null;
        }

        if (trimmed.Length > MaxNameLength)
        {
            fields.Add(new FieldError("name", $"At most {MaxNameLength} characters."));
        }

        return trimmed;
    }

    private static IReadOnlyList<string> ValidateScopes(IReadOnlyList<string>? scopes, List<FieldError> fields)
    {
        if (scopes is null || scopes.Count == 0)
        {
            return Accounts.Scopes.Ordered;
        }

        var unknown = scopes.Where(s => !Accounts.Scopes.All.Contains(s)).ToList();
        if (unknown.Count > 0)
        {
            fields.Add(new FieldError("scopes", $"Unknown scope(s): {string.Join(", ", unknown)}. Must be among: {string.Join(", ", Accounts.Scopes.Ordered)}."));
        }

        return Canonical(scopes.ToHashSet(StringComparer.Ordinal));
    }

    private static void ValidateExpiry(DateTimeOffset? expiresAt, DateTimeOffset now, List<FieldError> fields)
    {
        if (expiresAt is { } at && at <= now)
        {
            fields.Add(new FieldError("expiresAt", "Must be in the future."));
        }
    }
}

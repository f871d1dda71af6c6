using System.Text.Json;
using AudioPortal.Core.ApiKeys;
using AudioPortal.Core.Errors;

namespace AudioPortal.Web.ApiKeys;

/// <summary>The JSON shapes of <c>/api/v1/api-keys</c> (API.md §5). <c>test</c> is an extension.</summary>
public static class ApiKeyContracts
{
    /// <summary>A key as listed: never the secret, only its preview.</summary>
    public sealed record ApiKeyListItemDto(
        string Id, string Name, string KeyPreview, IReadOnlyList<string> Scopes, bool Test, DateTimeOffset? LastUsedAt, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt);

    public sealed record ApiKeyListDto(IReadOnlyList<ApiKeyListItemDto> Data);

    /// <summary>One key with its usage and change times.</summary>
    public sealed record ApiKeyDto(
        string Id, string Name, string KeyPreview, IReadOnlyList<string> Scopes, bool Test, DateTimeOffset? LastUsedAt, long UsageCount,
        DateTimeOffset CreatedAt, DateTimeOffset? UpdatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RotatedAt);

    /// <summary>A key just created or rotated: the only answer that carries the full <c>key</c>.</summary>
    public sealed record ApiKeyWithSecretDto(
        string Id, string Name, string Key, string KeyPreview, IReadOnlyList<string> Scopes, bool Test, DateTimeOffset CreatedAt,
        DateTimeOffset? ExpiresAt, DateTimeOffset? RotatedAt);

    /// <summary>
    /// The body of create and update, for the document: it is read by <see cref="ReadFields"/>, which tells an
    /// explicit <c>"expiresAt": null</c> (remove the expiry) from a missing one. Scopes default to all of them.
    /// </summary>
    public sealed record ApiKeyRequest(string? Name, IReadOnlyList<string>? Scopes, DateTimeOffset? ExpiresAt, bool? Test);

    public static ApiKeyListItemDto ToListItemDto(this ApiKeyView k) => new(k.Id, k.Name, k.KeyPreview, k.Scopes, k.Test, k.LastUsedAt, k.CreatedAt, k.ExpiresAt);

    public static ApiKeyDto ToDto(this ApiKeyView k) =>
        new(k.Id, k.Name, k.KeyPreview, k.Scopes, k.Test, k.LastUsedAt, k.UsageCount, k.CreatedAt, k.UpdatedAt, k.ExpiresAt, k.RotatedAt);

    public static ApiKeyWithSecretDto ToDto(this IssuedApiKey issued) => new(
        issued.View.Id, issued.View.Name, issued.Key, issued.View.KeyPreview, issued.View.Scopes, issued.View.Test, issued.View.CreatedAt,
        issued.View.ExpiresAt, issued.View.RotatedAt);

    /// <summary>
    /// Reads a create or update body by hand, because PATCH must tell <c>"expiresAt": null</c> (remove the expiry)
    /// from a missing <c>expiresAt</c> (leave it). Wrong types are listed field by field (422).
    /// </summary>
    public static Result<UpdateApiKey> ReadFields(JsonElement body, out bool test)
    {
        test = false;
        if (body.ValueKind != JsonValueKind.Object)
        {
            return ErrorCatalog.InvalidParams.WithMessage("The request body must be a JSON object.");
        }

        var fields = new List<FieldError>();
        string? name = null;
        List<string>? scopes = null;
        var setExpiry = false;
        DateTimeOffset? expiresAt = null;
        foreach (var property in body.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "name" when value.ValueKind == JsonValueKind.String:
                    name = value.GetString();
                    break;
                case "name" when value.ValueKind != JsonValueKind.Null:
                    fields.Add(new FieldError("name", "Must be a string."));
                    break;
                case "scopes" when value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(s => s.ValueKind == JsonValueKind.String):
                    scopes = value.EnumerateArray().Select(s => s.GetString()!).ToList();
                    break;
                case "scopes" when value.ValueKind != JsonValueKind.Null:
                    fields.Add(new FieldError("scopes", "Must be an array of scope names."));
                    break;
                case "expiresAt" when value.ValueKind == JsonValueKind.Null:
                    setExpiry = true;
                    break;
                case "expiresAt" when value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var at):
                    setExpiry = true;
                    expiresAt = at;
                    break;
                case "expiresAt":
                    fields.Add(new FieldError("expiresAt", "Must be an ISO-8601 timestamp or null."));
                    break;
                case "test" when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                    test = value.GetBoolean();
                    break;
                case "test":
                    fields.Add(new FieldError("test", "Must be true or false."));
                    break;
            }
        }

        return fields.Count > 0 ? AppError.Validation(fields) : new UpdateApiKey(name, scopes, setExpiry, expiresAt);
    }
}

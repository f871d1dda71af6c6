using System.Text.Json;
using AudioPortal.Core.ApiKeys;
using AudioPortal.Core.Errors;

namespace AudioPortal.Web.ApiKeys;

/// <summary>The JSON shapes of <c>/api/v1/api-keys</c> (API.md §5). <c>test</c> is an extension.</summary>
public static class ApiKeyContracts
{
    public static object ListItem(ApiKeyView k) => new
    {
        id = k.Id,
        name = k.Name,
        keyPreview = k.KeyPreview,
        scopes = k.Scopes,
        test = k.Test,
        lastUsedAt = k.LastUsedAt,
        createdAt = k.CreatedAt,
        expiresAt = k.ExpiresAt,
    };

    public static object Detail(ApiKeyView k) => new
    {
        id = k.Id,
        name = k.Name,
        keyPreview = k.KeyPreview,
        scopes = k.Scopes,
        test = k.Test,
        lastUsedAt = k.LastUsedAt,
        usageCount = k.UsageCount,
        createdAt = k.CreatedAt,
        updatedAt = k.UpdatedAt,
        expiresAt = k.ExpiresAt,
        rotatedAt = k.RotatedAt,
    };

    public static object Created(IssuedApiKey issued) => new
    {
        id = issued.View.Id,
        name = issued.View.Name,
        key = issued.Key,
        keyPreview = issued.View.KeyPreview,
        scopes = issued.View.Scopes,
        test = issued.View.Test,
        createdAt = issued.View.CreatedAt,
        expiresAt = issued.View.ExpiresAt,
    };

    public static object Rotated(IssuedApiKey issued) => new
    {
        id = issued.View.Id,
        name = issued.View.Name,
        key = issued.Key,
        keyPreview = issued.View.KeyPreview,
        scopes = issued.View.Scopes,
        test = issued.View.Test,
        createdAt = issued.View.CreatedAt,
        expiresAt = issued.View.ExpiresAt,
        rotatedAt = issued.View.RotatedAt,
    };

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

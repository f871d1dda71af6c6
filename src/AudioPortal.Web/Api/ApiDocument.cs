using System.Text.Json.Nodes;
using AudioPortal.Core.Errors;
using AudioPortal.Web.Errors;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AudioPortal.Web.Api;

/// <summary>
/// What the OpenAPI generator cannot read from attributes: stable operation ids, bodies read by hand (API-key
/// fields, the multipart upload), the catalog codes as the error envelope's enum, optional members (nulls are
/// omitted, so nothing nullable is required), and the document's server and contact.
/// </summary>
public static class ApiDocument
{
    public static OpenApiOptions AddApiContract(this OpenApiOptions options)
    {
        // Schemas of bound types whose body the document replaces (the JsonElement read by hand): dropped if unused.
        var replaced = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>();
        options.AddOperationTransformer(async (operation, context, cancellationToken) =>
        {
            if (context.Description.ActionDescriptor is not ControllerActionDescriptor action)
            {
                return;
            }

            operation.OperationId = OperationId(action, context.Description.HttpMethod);
            var metadata = action.EndpointMetadata;
            if (metadata.OfType<DocumentedBodyAttribute>().FirstOrDefault() is { } body)
            {
                foreach (var bound in operation.RequestBody?.Content?.Values.Select(m => m.Schema).OfType<OpenApiSchemaReference>() ?? [])
                {
                    replaced[bound.Reference.Id!] = true;
                }

                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/json"] = new() { Schema = await ComponentAsync(body.BodyType, context, cancellationToken) },
                    },
                };
            }

            if (metadata.OfType<MultipartAlternativeAttribute>().FirstOrDefault() is { } form && operation.RequestBody is OpenApiRequestBody requestBody)
            {
                // The upload first, with its file part's encoding: generators (Kiota) then offer a multipart body.
                var upload = new Dictionary<string, OpenApiMediaType>
                {
                    ["multipart/form-data"] = new()
                    {
                        Schema = await ComponentAsync(form.FormType, context, cancellationToken),
                        Encoding = new Dictionary<string, OpenApiEncoding> { ["file"] = new() { ContentType = "application/octet-stream" } },
                    },
                };
                requestBody.Content = upload.Concat(requestBody.Content ?? new Dictionary<string, OpenApiMediaType>()).ToDictionary();
            }

            // One JSON media type per body: the binder also takes text/json and application/*+json, which only add noise.
            foreach (var alias in operation.RequestBody?.Content?.Keys.Where(k => k is "text/json" or "application/*+json").ToList() ?? [])
            {
                operation.RequestBody!.Content!.Remove(alias);
            }
        });

        options.AddSchemaTransformer((schema, context, _) =>
        {
            var type = context.JsonTypeInfo.Type;
            if (type == typeof(ErrorEnvelope.ErrorBody) && schema.Properties?.TryGetValue("code", out var code) == true && code is OpenApiSchema codeSchema)
            {
                codeSchema.Enum = ErrorCatalog.All.Select(e => e.Code).Distinct().Select(c => (JsonNode)JsonValue.Create(c)!).ToList();
                codeSchema.Description = "The catalog code (README: error table).";
            }

            if (type == typeof(DateTimeOffset) || type == typeof(DateTimeOffset?))
            {
                schema.Type = type == typeof(DateTimeOffset) ? JsonSchemaType.String : JsonSchemaType.String | JsonSchemaType.Null;
                schema.Format = "date-time";
            }

            // Nulls are left out of what the API writes, so a nullable member may be missing: never required.
            if (schema.Required is { Count: > 0 } required)
            {
                foreach (var property in context.JsonTypeInfo.Properties)
                {
                    if (property.IsGetNullable || Nullable.GetUnderlyingType(property.PropertyType) is not null)
                    {
                        required.Remove(property.Name);
                    }
                }
            }

            return Task.CompletedTask;
        });

        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Contact = new OpenApiContact { Name = "AudioPortal" };
            foreach (var id in replaced.Keys.Where(id => !IsReferenced(document, id)))
            {
                document.Components?.Schemas?.Remove(id);
            }

            foreach (var server in document.Servers ?? [])
            {
                server.Url = server.Url?.TrimEnd('/');
            }

            return Task.CompletedTask;
        });
        return options;
    }

    private static bool IsReferenced(OpenApiDocument document, string schemaId) =>
        (document.Paths ?? []).Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []).Any(o =>
            (o.RequestBody?.Content?.Values ?? []).Concat((o.Responses ?? []).Values.SelectMany(r => r.Content?.Values ?? []))
                .Any(m => m.Schema is OpenApiSchemaReference r && r.Reference.Id == schemaId));

    /// <summary><c>splits_create</c>, <c>splitDownloads_segment_head</c>: from the code's names, so they change only when the code does.</summary>
    private static string OperationId(ControllerActionDescriptor action, string? method)
    {
        var id = $"{char.ToLowerInvariant(action.ControllerName[0])}{action.ControllerName[1..]}_{char.ToLowerInvariant(action.ActionName[0])}{action.ActionName[1..]}";
        return method == HttpMethods.Head ? id + "_head" : id;
    }

    /// <summary>The schema of <paramref name="type"/> as a shared component, referenced by name.</summary>
    private static async Task<IOpenApiSchema> ComponentAsync(Type type, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var schema = await context.GetOrCreateSchemaAsync(type, null, cancellationToken);
        context.Document!.AddComponent(type.Name, schema);
        return new OpenApiSchemaReference(type.Name, context.Document);
    }
}

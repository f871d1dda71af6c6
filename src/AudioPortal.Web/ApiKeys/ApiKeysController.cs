using System.Text.Json;
using AudioPortal.Core.Accounts;
using AudioPortal.Core.ApiKeys;
using AudioPortal.Web.Api;
using AudioPortal.Web.Auth;
using AudioPortal.Web.Errors;
using Microsoft.AspNetCore.Mvc;
using static AudioPortal.Web.ApiKeys.ApiKeyContracts;

namespace AudioPortal.Web.ApiKeys;

/// <summary><c>/api/v1/api-keys</c> (a JWT, or a key holding keys:manage): thin over <see cref="ApiKeyService"/>.</summary>
[ApiController]
[Route("api/v1/api-keys")]
[RequireScope(Scopes.KeysManage)]
public sealed class ApiKeysController(ApiKeyService keys) : ControllerBase
{
    // No [Consumes]: a wrong Content-Type must meet authentication first (401), then the body binder's 400.
    [HttpPost]
    [EndpointSummary("Create an API key")]
    [DocumentedBody(typeof(ApiKeyRequest))]
    [ProducesResponseType<ApiKeyWithSecretDto>(StatusCodes.Status201Created)]
    [ErrorResponse(StatusCodes.Status402PaymentRequired)]
    [ErrorResponse(StatusCodes.Status422UnprocessableEntity)]
    public async Task<IActionResult> Create([FromBody] JsonElement body, CancellationToken cancellationToken)
    {
        var fields = ReadFields(body, out var test);
        if (!fields.TryGetValue(out var f, out var error))
        {
            return error.ToActionResult();
        }

        var created = await keys.CreateAsync(new CreateApiKey(f.Name, f.Scopes, f.ExpiresAt, test), cancellationToken);
        return created.ToActionResult(k => StatusCode(StatusCodes.Status201Created, k.ToDto()));
    }

    [HttpGet]
    [EndpointSummary("List API keys")]
    [ProducesResponseType<ApiKeyListDto>(StatusCodes.Status200OK)]
    public async Task<IActionResult> List(CancellationToken cancellationToken) =>
        (await keys.ListAsync(cancellationToken)).ToActionResult(list => Ok(new ApiKeyListDto(list.Select(k => k.ToListItemDto()).ToList())));

    [HttpGet("{id}")]
    [EndpointSummary("Get an API key")]
    [ProducesResponseType<ApiKeyDto>(StatusCodes.Status200OK)]
    [ErrorResponse(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Get(string id, CancellationToken cancellationToken) =>
        (await keys.GetAsync(id, cancellationToken)).ToActionResult(k => Ok(k.ToDto()));

    [HttpPatch("{id}")]
    [EndpointSummary("Rename a key, change its scopes or expiry")]
    [DocumentedBody(typeof(ApiKeyRequest))]
    [ProducesResponseType<ApiKeyDto>(StatusCodes.Status200OK)]
    [ErrorResponse(StatusCodes.Status404NotFound)]
    [ErrorResponse(StatusCodes.Status422UnprocessableEntity)]
    public async Task<IActionResult> Update(string id, [FromBody] JsonElement body, CancellationToken cancellationToken)
    {
        var fields = ReadFields(body, out _);
        if (!fields.TryGetValue(out var update, out var error))
        {
            return error.ToActionResult();
        }

        return (await keys.UpdateAsync(id, update, cancellationToken)).ToActionResult(k => Ok(k.ToDto()));
    }

    [HttpDelete("{id}")]
    [EndpointSummary("Revoke an API key")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ErrorResponse(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Revoke(string id, CancellationToken cancellationToken) =>
        (await keys.RevokeAsync(id, cancellationToken)).ToActionResult(NoContent);

    [HttpPost("{id}/rotate")]
    [EndpointSummary("Rotate an API key (the old secret stops working)")]
    [ProducesResponseType<ApiKeyWithSecretDto>(StatusCodes.Status200OK)]
    [ErrorResponse(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Rotate(string id, CancellationToken cancellationToken) =>
        (await keys.RotateAsync(id, cancellationToken)).ToActionResult(k => Ok(k.ToDto()));
}

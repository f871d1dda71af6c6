using System.Text.Json;
using AudioPortal.Core.Accounts;
using AudioPortal.Core.ApiKeys;
using AudioPortal.Core.Splits;
using AudioPortal.Web.Auth;
using AudioPortal.Web.Errors;
using Microsoft.AspNetCore.Mvc;

namespace AudioPortal.Web.ApiKeys;

/// <summary><c>/api/v1/api-keys</c> (a JWT, or a key holding keys:manage): thin over <see cref="ApiKeyService"/>.</summary>
[ApiController]
[Route("api/v1/api-keys")]
[RequireScope(Scopes.KeysManage)]
public sealed class ApiKeysController(ApiKeyService keys) : ControllerBase
{
    // No [Consumes]: a wrong Content-Type must meet authentication first (401), then the body binder's 400.
    [HttpPost]
    public async Task<IActionResult> Create([FromBody] JsonElement body, CancellationToken cancellationToken)
    {
        var fields = ApiKeyContracts.ReadFields(body, out var test);
        if (!fields.TryGetValue(out var f, out var error))
        {
            return error.ToActionResult();
        }

        var created = await keys.CreateAsync(new CreateApiKey(f.Name, f.Scopes, f.ExpiresAt, test), cancellationToken);
        return created.ToActionResult(k => Json(ApiKeyContracts.Created(k), StatusCodes.Status201Created));
    }

    [HttpGet]
    public async Task<IActionResult> List(CancellationToken cancellationToken) =>
        (await keys.ListAsync(cancellationToken)).ToActionResult(list => Json(new { data = list.Select(ApiKeyContracts.ListItem) }));

    [HttpGet("{id}")]
    public async Task<IActionResult> Get(string id, CancellationToken cancellationToken) =>
        (await keys.GetAsync(id, cancellationToken)).ToActionResult(k => Json(ApiKeyContracts.Detail(k)));

    [HttpPatch("{id}")]
    public async Task<IActionResult> Update(string id, [FromBody] JsonElement body, CancellationToken cancellationToken)
    {
        var fields = ApiKeyContracts.ReadFields(body, out _);
        if (!fields.TryGetValue(out var update, out var error))
        {
            return error.ToActionResult();
        }

        return (await keys.UpdateAsync(id, update, cancellationToken)).ToActionResult(k => Json(ApiKeyContracts.Detail(k)));
    }

    [HttpDelete("{id}")]
    public async Task<IActionResult> Revoke(string id, CancellationToken cancellationToken) =>
        (await keys.RevokeAsync(id, cancellationToken)).ToActionResult(NoContent);

    [HttpPost("{id}/rotate")]
    public async Task<IActionResult> Rotate(string id, CancellationToken cancellationToken) =>
        (await keys.RotateAsync(id, cancellationToken)).ToActionResult(k => Json(ApiKeyContracts.Rotated(k)));

    private static JsonResult Json(object value, int status = StatusCodes.Status200OK) => new(value, ApiJson.Options) { StatusCode = status };
}

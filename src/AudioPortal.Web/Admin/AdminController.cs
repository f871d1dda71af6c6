using AudioPortal.Core.Admin;
using AudioPortal.Web.Errors;
using Microsoft.AspNetCore.Mvc;
using static AudioPortal.Web.Admin.AdminContracts;

namespace AudioPortal.Web.Admin;

/// <summary>
/// <c>/api/v1/admin</c>: the operator console's API — the queue and workers, accounts (disable/enable), webhooks switched
/// off, recent errors by request id. An admin's JWT only; everyone else gets 404 (<see cref="AdminOnlyAttribute"/>).
/// </summary>
[ApiController]
[AdminOnly]
[Route("api/v1/admin")]
[ErrorResponse(StatusCodes.Status404NotFound)]
public sealed class AdminController(AdminQueueView queue, AdminAccounts accounts, RecentErrors errors) : ControllerBase
{
    [HttpGet("queue")]
    [EndpointSummary("Get the queue: running jobs by worker, waiting jobs, wait times and failures by code")]
    [ProducesResponseType<QueueDto>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Queue(CancellationToken cancellationToken) => Ok((await queue.GetAsync(cancellationToken)).ToDto());

    [HttpGet("accounts")]
    [EndpointSummary("List accounts with their plan, usage and storage")]
    [ProducesResponseType<AdminAccountPageDto>(StatusCodes.Status200OK)]
    [ErrorResponse(StatusCodes.Status422UnprocessableEntity)]
    public async Task<IActionResult> Accounts([FromQuery] int? page, [FromQuery] int? limit, [FromQuery] string? email, CancellationToken cancellationToken) =>
        (await accounts.ListAsync(page ?? 1, limit ?? 20, email, cancellationToken)).ToActionResult(p => Ok(p.ToDto()));

    [HttpPost("accounts/{id}/disable")]
    [EndpointSummary("Disable an account: no sign-in, its keys and tokens refused, its queued jobs held")]
    [ProducesResponseType<AdminAccountDto>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Disable(string id, CancellationToken cancellationToken) =>
        (await accounts.DisableAsync(id, cancellationToken)).ToActionResult(a => Ok(a.ToDto()));

    [HttpPost("accounts/{id}/enable")]
    [EndpointSummary("Enable a disabled account again")]
    [ProducesResponseType<AdminAccountDto>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Enable(string id, CancellationToken cancellationToken) =>
        (await accounts.EnableAsync(id, cancellationToken)).ToActionResult(a => Ok(a.ToDto()));

    [HttpGet("webhooks/disabled")]
    [EndpointSummary("List accounts whose webhooks were switched off after repeated failures")]
    [ProducesResponseType<DisabledWebhooksListDto>(StatusCodes.Status200OK)]
    public async Task<IActionResult> DisabledWebhooks(CancellationToken cancellationToken) =>
        Ok((await accounts.ListDisabledWebhooksAsync(cancellationToken)).ToDto());

    [HttpGet("errors")]
    [EndpointSummary("List recent failed API requests, newest first, optionally by request id")]
    [ProducesResponseType<RecentErrorListDto>(StatusCodes.Status200OK)]
    public IActionResult Errors([FromQuery] string? requestId) => Ok(errors.List(requestId).ToDto());
}

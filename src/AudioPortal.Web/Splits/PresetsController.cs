using AudioPortal.Core.Accounts;
using AudioPortal.Core.Splits.Presets;
using AudioPortal.Web.Auth;
using Microsoft.AspNetCore.Mvc;
using static AudioPortal.Web.Splits.PresetContracts;

namespace AudioPortal.Web.Splits;

/// <summary><c>/api/v1/presets</c>: the presets a split may name in <c>preset</c> (shipped and configured).</summary>
[ApiController]
[Route("api/v1/presets")]
public sealed class PresetsController(PresetCatalog presets) : ControllerBase
{
    [HttpGet]
    [RequireScope(Scopes.SplitsRead)]
    [EndpointSummary("List the split presets")]
    [ProducesResponseType<PresetListDto>(StatusCodes.Status200OK)]
    public IActionResult List() => Ok(presets.All.ToDto());
}

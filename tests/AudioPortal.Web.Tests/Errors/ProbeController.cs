using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;

namespace AudioPortal.Web.Tests.Errors;

/// <summary>
/// Test-only endpoints, added as an application part by <see cref="ApiErrorEnvelopeTests"/>: a body with
/// validated fields and an action that throws, so the host's error handling is exercised for real.
/// </summary>
[ApiController]
[Route("api/v1/test-probe")]
public sealed class ProbeController : ControllerBase
{
    public sealed record ProbeBody(
        [Range(1, int.MaxValue, ErrorMessage = "Must be a positive integer")] int SegmentDuration,
        [RegularExpression("^(mp3|wav)$", ErrorMessage = "Must be one of: mp3, wav")] string OutputFormat);

    [HttpPost]
    public IActionResult Post(ProbeBody body) => Ok(body);

    [HttpGet("throw")]
    public IActionResult Throw() => throw new InvalidOperationException("secret internal detail /srv/path");
}

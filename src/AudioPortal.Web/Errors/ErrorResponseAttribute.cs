using Microsoft.AspNetCore.Mvc;

namespace AudioPortal.Web.Errors;

/// <summary>Documents that an action can answer <paramref name="statusCode"/> with the error envelope (a catalog code).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true)]
public sealed class ErrorResponseAttribute(int statusCode) : ProducesResponseTypeAttribute(typeof(ErrorEnvelope), statusCode, "application/json");

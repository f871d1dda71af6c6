using System.ComponentModel.DataAnnotations;
using AudioPortal.Core;

namespace AudioPortal.Web.Limits;

/// <summary>How much of a request body the server reads before refusing it (section <c>RequestLimits</c>).</summary>
public sealed class RequestLimitsOptions
{
    public const string Section = "RequestLimits";

    /// <summary>Largest body of any API request other than an upload (JSON bodies are small: metadata is the biggest part).</summary>
    [AtLeast(1024)]
    public long MaxJsonBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Most text fields (parts that are not the file) one multipart upload may carry.</summary>
    [Range(1, 1000)]
    public int MaxFormFields { get; set; } = 32;

    /// <summary>Most bytes all text fields of one multipart upload may carry together.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxFormFieldBytes { get; set; } = 64 * 1024;

    /// <summary>Room on top of the plan's maximum file size for multipart boundaries, part headers and fields.</summary>
    [Range(0, 16 * 1024 * 1024)]
    public long UploadAllowanceBytes { get; set; } = 128 * 1024;
}

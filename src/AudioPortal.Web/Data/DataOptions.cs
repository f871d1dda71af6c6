using System.ComponentModel.DataAnnotations;

namespace AudioPortal.Web.Data;

/// <summary>The <c>Data</c> section: where AudioPortal keeps its database, blobs, keys and mail.</summary>
public sealed class DataOptions
{
    /// <summary>The data folder, relative to the content root (the repository's top folder) unless absolute.</summary>
    [Required]
    public string Path { get; set; } = "data";
}

namespace AudioPortal.Web.Data;

/// <summary>The resolved data folder, created on first use.</summary>
public sealed class DataFolder(string root)
{
    public string Root { get; } = root;

    /// <summary>A sub-folder of the data folder, created if missing.</summary>
    public string Sub(string name) => Directory.CreateDirectory(System.IO.Path.Combine(Root, name)).FullName;
}

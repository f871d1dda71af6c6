namespace AudioPortal.Core.Storage.Encryption;

/// <summary>Keys and decrypted copies are readable by the server's user only: folders 700, files 600 (ACLs apply on Windows).</summary>
internal static class OwnerOnly
{
    private const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates the folder (and its parents) owner-only; an existing folder keeps the mode its operator gave it.</summary>
    public static string CreateFolder(string path)
    {
        path = Path.GetFullPath(path);
        if (OperatingSystem.IsWindows() || Directory.Exists(path))
        {
            return Directory.CreateDirectory(path).FullName;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return Directory.CreateDirectory(path, Folder).FullName;
    }

    /// <summary>Options that create a new file 600.</summary>
    public static FileStreamOptions NewFile(int bufferSize = 4096, FileOptions options = FileOptions.None)
    {
        var created = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, BufferSize = bufferSize, Options = options };
        if (!OperatingSystem.IsWindows())
        {
            created.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return created;
    }
}

namespace AudioPortal.Core.Storage;

/// <summary>The operating system's answer to "how many bytes can still be written here" — the one seam tests replace.</summary>
public interface IFreeSpace
{
    /// <summary>Bytes available to this process on the volume holding <paramref name="path"/>.</summary>
    long AvailableBytes(string path);
}

/// <summary>Free space as the file system reports it for the volume of the path.</summary>
public sealed class DriveFreeSpace : IFreeSpace
{
    public long AvailableBytes(string path)
    {
        // The folder may not exist yet (first start): ask about the nearest one that does, it is on the same volume.
        var existing = Path.GetFullPath(path);
        while (!Directory.Exists(existing) && Path.GetDirectoryName(existing) is { } parent)
        {
            existing = parent;
        }

        return new DriveInfo(existing).AvailableFreeSpace;
    }
}

namespace AudioPortal.Core.Storage.Encryption;

/// <summary>
/// The folder (owner-only) of decrypted copies handed to the engine and ffmpeg while a job or preview reads them.
/// Each copy is deleted when its reader is done; copies a crashed process left are removed when a store starts
/// (those older than a day, so another process's copy in use is never touched).
/// </summary>
internal sealed class BlobScratch
{
    private const int BufferSize = 1024 * 1024;
    private readonly string _directory;

    public BlobScratch(string directory)
    {
        _directory = OwnerOnly.CreateFolder(directory);

        var stale = DateTime.UtcNow.AddDays(-1);
        foreach (var file in new DirectoryInfo(_directory).EnumerateFiles("blob-*"))
        {
            if (file.LastWriteTimeUtc < stale)
            {
                try
                {
                    file.Delete();
                }
                catch (IOException)
                {
                }
            }
        }
    }

    /// <summary>Copies <paramref name="plain"/> into a new owner-only scratch file.</summary>
    public async Task<LocalBlobFile> CopyAsync(Stream plain, CancellationToken cancellationToken)
    {
        var path = Path.Combine(_directory, "blob-" + Guid.NewGuid().ToString("N"));
        var copy = new LocalBlobFile(path, path);
        try
        {
            await using var output = new FileStream(path, OwnerOnly.NewFile(BufferSize, FileOptions.Asynchronous));
            await plain.CopyToAsync(output, BufferSize, cancellationToken);
            return copy;
        }
        catch
        {
            copy.Dispose();
            throw;
        }
    }
}

namespace AudioPortal.Core.Storage;

/// <summary>
/// A plaintext local file holding a blob, for the engine and ffmpeg, which read paths: the blob itself when it is
/// stored as plaintext, else a decrypted scratch copy that disposing deletes. Hold it only while the file is read.
/// </summary>
public sealed class LocalBlobFile(string path, string? scratch) : IAsyncDisposable, IDisposable
{
    public string Path { get; } = path;

    /// <summary>Whether <see cref="Path"/> is a decrypted copy (deleted on dispose) rather than the blob itself.</summary>
    public bool IsCopy => scratch is not null;

    public void Dispose()
    {
        if (scratch is not null)
        {
            try
            {
                File.Delete(scratch);
            }
            catch (IOException)
            {
                // Still open somewhere; the store clears stale scratch files at its next start.
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}

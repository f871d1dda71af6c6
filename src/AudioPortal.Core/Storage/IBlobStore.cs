using AudioPortal.Core.Errors;

namespace AudioPortal.Core.Storage;

/// <summary>
/// Where job files live. Keys are relative, slash-separated and start with the owning account id
/// (<c>usr_…/job_…/source</c>), so every account's files sit under one folder. Nothing outside the store
/// builds file paths; the engine gets a plaintext local file through <see cref="GetLocalFileAsync"/>.
/// </summary>
public interface IBlobStore
{
    /// <summary>
    /// Streams <paramref name="content"/> into <paramref name="key"/>, never holding it whole in memory. Stops as
    /// soon as more than <paramref name="maxBytes"/> arrive: FILE_TOO_LARGE (<c>details.maxFileSize</c>) and the
    /// partial file is removed.
    /// </summary>
    Task<Result<BlobWritten>> WriteAsync(string key, Stream content, long maxBytes, CancellationToken cancellationToken);

    /// <summary>Moves a finished local file (a part the engine wrote) into the store.</summary>
    Task<long> ImportAsync(string key, string localFile, CancellationToken cancellationToken);

    /// <summary>Renames a blob (a staged upload becoming a job's source).</summary>
    Task MoveAsync(string fromKey, string toKey);

    /// <summary>A seekable read stream of the blob's plaintext, or null when the blob does not exist.</summary>
    Stream? OpenRead(string key);

    bool Exists(string key);

    /// <summary>
    /// A plaintext file the engine and ffmpeg can read, until it is disposed: the blob itself when it is stored as
    /// plaintext, else a decrypted scratch copy (deleted on dispose).
    /// </summary>
    Task<LocalBlobFile> GetLocalFileAsync(string key, CancellationToken cancellationToken);

    Task DeleteAsync(string key);

    /// <summary>Deletes every blob under <paramref name="prefix"/> (a job's folder).</summary>
    Task DeletePrefixAsync(string prefix);

    /// <summary>Total bytes of the blobs under <paramref name="prefix"/> (an account's folder); 0 when there are none.</summary>
    Task<long> SizeOfPrefixAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>Every file in the store, half-written ones (<c>*.partial-*</c>) included, for the storage sweeper.</summary>
    IEnumerable<StoredFile> ListAll();
}

/// <summary>A file as the store holds it: its key, size and when it was last written.</summary>
public sealed record StoredFile(string Key, long Size, DateTimeOffset LastWriteUtc);

/// <summary>A stored blob: its size and SHA-256 (lowercase hex), computed while it streamed in.</summary>
public sealed record BlobWritten(string Key, long Size, string Sha256);

/// <summary>The blob keys of a job; the one place their layout is decided.</summary>
public static class BlobKeys
{
    public static string JobFolder(string accountId, string jobId) => $"{accountId}/{jobId}";

    public static string Source(string accountId, string jobId) => $"{accountId}/{jobId}/source";

    /// <summary>Parts of one processing attempt: a worker whose lease expired can never overwrite the winner's parts.</summary>
    public static string Part(string accountId, string jobId, string attempt, string fileName) => $"{accountId}/{jobId}/parts/{attempt}/{fileName}";

    /// <summary>
    /// A file an attempt stores beside its parts (<c>manifest.json</c>, <c>manifest.cue</c>), found from any of its
    /// part keys; a part never takes such a name, as parts carry an audio extension.
    /// </summary>
    public static string BesidePart(string partKey, string fileName) => partKey[..(partKey.LastIndexOf('/') + 1)] + fileName;

    /// <summary>An upload received before its job exists.</summary>
    public static string Staged(string accountId, string uploadId) => $"{accountId}/uploads/{uploadId}";

    /// <summary>The marker in the name of a file still streaming in; it becomes its key once complete.</summary>
    public const string PartialMarker = ".partial-";
}

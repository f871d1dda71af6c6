using System.Text;
using AudioPortal.Audio.Manifest;
using AudioPortal.Core.Storage;

namespace AudioPortal.Core.Splits;

/// <summary>
/// A completed attempt's <c>manifest.json</c> and <c>manifest.cue</c>, stored beside its parts: they share the parts'
/// attempt folder, so a retry writes its own, a lost attempt's go with its parts, and retention deletes them with the
/// job's folder. Jobs completed before manifests were stored have none; every reader treats that as "no manifest".
/// </summary>
public static class StoredManifests
{
    public const string Json = ManifestJson.FileName;

    public const string Cue = CueSheet.FileName;

    /// <summary>CUE sheets have no registered type; <c>application/x-cue</c> is what players recognise.</summary>
    public static string ContentType(string fileName) => fileName == Json ? "application/json" : "application/x-cue; charset=utf-8";

    /// <summary>Streams both files into the attempt's folder (they are small: a few hundred bytes a part).</summary>
    public static async Task StoreAsync(IBlobStore store, JobClaim claim, SplitManifest manifest, CancellationToken ct)
    {
        await WriteAsync(store, BlobKeys.Part(claim.AccountId, claim.JobId, claim.Token, Json), ManifestJson.Write(manifest), ct);
        await WriteAsync(store, BlobKeys.Part(claim.AccountId, claim.JobId, claim.Token, Cue), Encoding.UTF8.GetBytes(CueSheet.Write(manifest)), ct);
    }

    /// <summary>The stored file's key, or null when the job has no parts or was completed before manifests were stored.</summary>
    public static string? Find(IBlobStore store, SplitJob job, string fileName)
    {
        var part = job.Segments.Select(s => s.BlobKey).FirstOrDefault();
        return part is not null && BlobKeys.BesidePart(part, fileName) is var key && store.Exists(key) ? key : null;
    }

    private static async Task WriteAsync(IBlobStore store, string key, byte[] content, CancellationToken ct)
    {
        await using var stream = new MemoryStream(content, writable: false);
        var written = await store.WriteAsync(key, stream, long.MaxValue, ct);
        if (!written.IsSuccess)
        {
            throw new InvalidOperationException($"Storing {key} failed: {written.Error.Code}");
        }
    }
}

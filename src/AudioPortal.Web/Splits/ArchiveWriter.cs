using System.IO.Compression;
using System.Text.Json;
using AudioPortal.Core.Splits;
using AudioPortal.Core.Storage;
using AudioPortal.Core.Telemetry;
using Microsoft.Net.Http.Headers;

namespace AudioPortal.Web.Splits;

/// <summary>
/// Writes a job's parts as a ZIP straight into the response: entries are stored (audio does not compress) and
/// copied blob by blob, so neither memory nor disk ever holds the whole archive. The job's stored
/// <c>manifest.json</c> and <c>manifest.cue</c> follow the parts, byte for byte as their own links serve them.
/// </summary>
public sealed class ArchiveWriter(IBlobStore store, AudioPortalMetrics metrics)
{
    private static readonly JsonSerializerOptions ManifestJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task WriteAsync(HttpContext context, ArchiveContents archive, CancellationToken cancellationToken)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/zip";
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(archive.FileName);
        response.Headers.ContentDisposition = disposition.ToString();
        await response.StartAsync(cancellationToken);

        var body = new SyncTolerantResponseStream(response.Body);
        try
        {
            await WriteZipAsync(body, archive, cancellationToken);
            await body.FlushAsync(cancellationToken);
        }
        finally
        {
            metrics.Sent(body.Position, "archive");
        }
    }

    private async Task WriteZipAsync(Stream body, ArchiveContents archive, CancellationToken cancellationToken)
    {
        await using var zip = await ZipArchive.CreateAsync(body, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        foreach (var part in archive.Parts)
        {
            await CopyEntryAsync(zip, part.BlobKey, part.FileName, CompressionLevel.NoCompression, cancellationToken);
        }

        if (archive.ManifestKey is not null && archive.CueKey is not null)
        {
            await CopyEntryAsync(zip, archive.ManifestKey, StoredManifests.Json, CompressionLevel.Optimal, cancellationToken);
            await CopyEntryAsync(zip, archive.CueKey, StoredManifests.Cue, CompressionLevel.Optimal, cancellationToken);
        }
        else
        {
            await WriteLegacyManifestAsync(zip, archive.Parts, cancellationToken);
        }
    }

    private async Task CopyEntryAsync(ZipArchive zip, string key, string name, CompressionLevel compression, CancellationToken cancellationToken)
    {
        await using var source = store.OpenRead(key) ?? throw new FileNotFoundException($"{name} of the archive is missing from storage.");
        var entry = zip.CreateEntry(name, compression);
        await using var target = await entry.OpenAsync(cancellationToken);
        await source.CopyToAsync(target, cancellationToken);
    }

    /// <summary>
    /// Jobs completed before manifests were stored keep the list their ZIP always had (seconds, sizes and hashes):
    /// rebuilding a manifest from their rows would need the source's probe again, and an old job's archive should not
    /// change under the people who already use it.
    /// </summary>
    private static async Task WriteLegacyManifestAsync(ZipArchive zip, IReadOnlyList<Segment> parts, CancellationToken cancellationToken)
    {
        var manifest = parts.Select(p => new
        {
            index = p.Index,
            fileName = p.FileName,
            start = Math.Round(p.Start, 3),
            end = Math.Round(p.Start + p.Duration, 3),
            duration = Math.Round(p.Duration, 3),
            size = p.Size,
            sha256 = p.Sha256,
        });
        var manifestEntry = zip.CreateEntry(StoredManifests.Json, CompressionLevel.Optimal);
        await using var target = await manifestEntry.OpenAsync(cancellationToken);
        await JsonSerializer.SerializeAsync(target, new { parts = manifest }, ManifestJson, cancellationToken);
    }
}

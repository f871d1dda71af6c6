using System.IO.Compression;
using System.Text.Json;
using AudioPortal.Core.Splits;
using AudioPortal.Core.Storage;
using Microsoft.Net.Http.Headers;

namespace AudioPortal.Web.Splits;

/// <summary>
/// Writes a job's parts as a ZIP straight into the response: entries are stored (audio does not compress) and
/// copied blob by blob, so neither memory nor disk ever holds the whole archive. A <c>manifest.json</c> entry
/// lists each part's index, start, end, duration, size and SHA-256.
/// </summary>
public sealed class ArchiveWriter(IBlobStore store)
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
        await WriteZipAsync(body, archive, cancellationToken);
        await body.FlushAsync(cancellationToken);
    }

    private async Task WriteZipAsync(Stream body, ArchiveContents archive, CancellationToken cancellationToken)
    {
        await using var zip = await ZipArchive.CreateAsync(body, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        foreach (var part in archive.Parts)
        {
            await using var source = store.OpenRead(part.BlobKey) ?? throw new FileNotFoundException($"Part {part.Index} of the archive is missing from storage.");
            var entry = zip.CreateEntry(part.FileName, CompressionLevel.NoCompression);
            await using var target = await entry.OpenAsync(cancellationToken);
            await source.CopyToAsync(target, cancellationToken);
        }

        var manifest = archive.Parts.Select(p => new
        {
            index = p.Index,
            fileName = p.FileName,
            start = Math.Round(p.Start, 3),
            end = Math.Round(p.Start + p.Duration, 3),
            duration = Math.Round(p.Duration, 3),
            size = p.Size,
            sha256 = p.Sha256,
        });
        var manifestEntry = zip.CreateEntry("manifest.json", CompressionLevel.Optimal);
        await using (var target = await manifestEntry.OpenAsync(cancellationToken))
        {
            await JsonSerializer.SerializeAsync(target, new { parts = manifest }, ManifestJson, cancellationToken);
        }
    }
}

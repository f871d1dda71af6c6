using System.Runtime.InteropServices;
using AudioPortal.Audio;
using AudioPortal.Audio.Probing;
using AudioPortal.Core.Storage;

namespace AudioPortal.Core.Splits;

/// <summary>
/// The waveform overview of a job's source: computed once by the engine (streaming) and kept beside the source
/// as raw little-endian floats, so the portal draws it again without reading the audio. It lives in the job's
/// folder and so is deleted with the job's files.
/// </summary>
public sealed class SourcePeaks(IBlobStore store, AudioEngine engine)
{
    public const int Count = 2000;

    public static string Key(string accountId, string jobId) => BlobKeys.JobFolder(accountId, jobId) + "/peaks";

    /// <summary>Peaks of a local file already probed (a staged upload), or null when the engine cannot read it.</summary>
    public async Task<float[]?> ComputeAsync(string path, AudioInfo info, CancellationToken cancellationToken)
    {
        var peaks = await engine.ComputePeaksAsync(path, info, Count, cancellationToken);
        return peaks.IsSuccess ? peaks.Value : null;
    }

    public async Task SaveAsync(string accountId, string jobId, float[] peaks, CancellationToken cancellationToken)
    {
        var bytes = MemoryMarshal.AsBytes(peaks.AsSpan()).ToArray();
        await store.WriteAsync(Key(accountId, jobId), new MemoryStream(bytes), bytes.Length, cancellationToken);
    }

    /// <summary>The stored peaks; else computed from the source while it is retained (and stored); else null.</summary>
    public async Task<float[]?> GetAsync(string accountId, string jobId, CancellationToken cancellationToken)
    {
        await using (var stored = store.OpenRead(Key(accountId, jobId)))
        {
            if (stored is not null)
            {
                var buffer = new MemoryStream();
                await stored.CopyToAsync(buffer, cancellationToken);
                return MemoryMarshal.Cast<byte, float>(buffer.ToArray().AsSpan()).ToArray();
            }
        }

        var source = BlobKeys.Source(accountId, jobId);
        if (!store.Exists(source))
        {
            return null;
        }

        float[]? peaks;
        await using (var local = await store.GetLocalFileAsync(source, cancellationToken))
        {
            var info = await engine.ProbeAsync(local.Path, cancellationToken);
            peaks = info.IsSuccess ? await ComputeAsync(local.Path, info.Value, cancellationToken) : null;
        }

        if (peaks is null)
        {
            return null;
        }

        await SaveAsync(accountId, jobId, peaks, cancellationToken);
        return peaks;
    }
}

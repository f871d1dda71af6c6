using System.Diagnostics;
using AudioPortal.Core.Storage;
using AudioPortal.Core.Storage.Encryption;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AudioPortal.StorageBench;

/// <summary>A 44.1 kHz stereo 16-bit WAV of a slowly gliding tone with a little noise (so it is not trivially repetitive).</summary>
internal static class BenchWav
{
    public static void Write(string path, int seconds)
    {
        const int rate = 44100;
        var frames = rate * seconds;
        using var file = new BinaryWriter(File.Create(path));
        file.Write("RIFF"u8);
        file.Write(36 + (frames * 4));
        file.Write("WAVEfmt "u8);
        file.Write(16);
        file.Write((short)1);
        file.Write((short)2);
        file.Write(rate);
        file.Write(rate * 4);
        file.Write((short)4);
        file.Write((short)16);
        file.Write("data"u8);
        file.Write(frames * 4);
        var random = new Random(1);
        var buffer = new byte[rate * 4];
        for (var second = 0; second < seconds; second++)
        {
            for (var i = 0; i < rate; i++)
            {
                var t = ((second * rate) + i) / (double)rate;
                var sample = (short)((Math.Sin(2 * Math.PI * (220 + (second % 50)) * t) * 12000) + random.Next(-500, 500));
                BitConverter.TryWriteBytes(buffer.AsSpan(i * 4), sample);
                BitConverter.TryWriteBytes(buffer.AsSpan((i * 4) + 2), sample);
            }

            file.Write(buffer);
        }
    }
}

/// <summary>Kestrel on 127.0.0.1 serving one stored blob, plaintext or encrypted, as the download endpoints do.</summary>
internal sealed class DownloadServer(WebApplication app, HttpClient client) : IAsyncDisposable
{
    public static async Task<DownloadServer> StartAsync(string root, StorageKeys keys, int megabytes)
    {
        var plain = new LocalBlobStore(Path.Combine(root, "dl-plain"), new BlobCipher(keys, false), Path.Combine(root, "tmp"));
        var encrypted = new LocalBlobStore(Path.Combine(root, "dl-encrypted"), new BlobCipher(keys, true), Path.Combine(root, "tmp"));
        var bytes = new byte[megabytes * 1_000_000];
        new Random(2).NextBytes(bytes);
        await plain.WriteAsync("usr_1/blob", new MemoryStream(bytes), long.MaxValue, default);
        await encrypted.WriteAsync("usr_1/blob", new MemoryStream(bytes), long.MaxValue, default);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/{mode}", (string mode) => Results.File((mode == "e" ? encrypted : plain).OpenRead("usr_1/blob")!, "application/octet-stream", enableRangeProcessing: true));
        await app.StartAsync();
        var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        return new DownloadServer(app, client);
    }

    public async Task<double> GetAsync(bool encrypted)
    {
        var watch = Stopwatch.StartNew();
        using var response = await client.GetAsync(encrypted ? "/e" : "/p", HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        await body.CopyToAsync(Stream.Null);
        return watch.Elapsed.TotalSeconds;
    }

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        await app.DisposeAsync();
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AudioPortal.Core.Storage.Encryption;
using AudioPortal.Web.Tests.Splits;

namespace AudioPortal.Web.Tests.Storage;

/// <summary>Files at rest through the real API: what is stored is ciphertext, what is downloaded is the audio.</summary>
public sealed class EncryptedStorageTests(SplitsAppFactory app) : IClassFixture<SplitsAppFactory>
{
    private const int HeaderBytes = 44;

    [FfmpegFact]
    public async Task An_uploaded_wav_is_split_and_served_with_ranges_while_every_stored_file_is_ciphertext()
    {
        var wav = TestWav.Sine(20, sampleRate: 44100, channels: 2);
        var user = await app.NewAccountAsync("plan_pro");
        var created = await user.UploadAsync(wav, "tone.wav", new Dictionary<string, string> { ["segmentDuration"] = "10" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var job = await user.WaitForJobAsync((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        Assert.Equal("completed", job.GetProperty("status").GetString());

        // The second part is the source's PCM from 10 s on, byte for byte, whatever range of it is asked.
        var segment = job.GetProperty("segments")[1];
        var url = segment.GetProperty("downloadUrl").GetString()!;
        var client = app.AnonymousClient();
        var part = await client.GetByteArrayAsync(url);
        var data = part.AsSpan().IndexOf("data"u8) + 8;
        Assert.Equal(wav.AsSpan(HeaderBytes + (10 * 44100 * 4), part.Length - data).ToArray(), part[data..]);
        foreach (var (from, to) in new[] { (0, 0), (65_000, 140_000), (ChunkedAesGcm.ChunkSize, (2 * ChunkedAesGcm.ChunkSize) - 1), (part.Length - 10, part.Length - 1) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Range = new RangeHeaderValue(from, to);
            var partial = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
            Assert.Equal($"bytes {from}-{to}/{part.Length}", partial.Content.Headers.ContentRange?.ToString());
            Assert.Equal(part[from..(to + 1)], await partial.Content.ReadAsByteArrayAsync());
        }

        // On disk: every file of the job starts with the encryption header and holds none of the audio.
        var window = wav.AsSpan(HeaderBytes + 1_000_000, 64).ToArray();
        var stored = Directory.GetFiles(Path.Combine(app.DataPath, "blobs", user.Id), "*", SearchOption.AllDirectories);
        Assert.True(stored.Length >= 5, $"source, peaks?, two parts and two manifests: {string.Join(", ", stored)}");
        foreach (var file in stored)
        {
            Assert.NotNull(BlobCipher.KeyIdOf(file));
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.Equal(-1, bytes.AsSpan().IndexOf(window));
            Assert.Equal(-1, bytes.AsSpan().IndexOf("WAVEfmt "u8));
        }

        // The engine's decrypted copy of the source is gone once the job is done.
        Assert.Empty(Directory.GetFiles(Path.Combine(app.DataPath, "tmp")));
    }
}

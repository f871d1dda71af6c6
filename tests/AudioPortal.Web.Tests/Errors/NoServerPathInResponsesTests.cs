using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AudioPortal.Web.Tests.Splits;

namespace AudioPortal.Web.Tests.Errors;

/// <summary>
/// A bad-input corpus (corrupt and truncated audio of every format, garbage, wrong types, huge numbers, bad URLs, bad
/// JSON, bad multipart) through the API and through the job pipeline: no answer names a server path. Responses carry
/// catalog messages and what the user can act on; paths and raw tool output stay in the log.
/// </summary>
public sealed class NoServerPathInResponsesTests(SplitsAppFactory app) : IClassFixture<SplitsAppFactory>
{
    [FfmpegFact]
    public async Task No_response_to_the_bad_input_corpus_contains_a_server_path()
    {
        var user = await app.NewAccountAsync();
        using var anonymous = app.AnonymousClient();
        var responses = new List<(string What, string Body)>();
        var corpus = await CorpusAsync();

        foreach (var (name, bytes) in corpus)
        {
            var upload = await user.UploadAsync(bytes, name, new Dictionary<string, string> { ["segmentDuration"] = "1" });
            responses.Add(($"upload {name} → {(int)upload.StatusCode}", await upload.Content.ReadAsStringAsync()));
        }

        // The same files as URL sources: the worker downloads, probes and fails them; the job's error is what the user reads.
        await using (var source = await LoopbackServer.StartAsync(async (context, _) =>
        {
            var file = corpus.FirstOrDefault(c => "/" + c.Name == context.Request.Path.Value);
            context.Response.StatusCode = file.Bytes is null ? 404 : 200;
            await context.Response.Body.WriteAsync(file.Bytes ?? []);
        }))
        {
            var jobs = new List<(string Name, string Id)>();
            foreach (var (name, _) in corpus.Append(("missing.ogg", [])))
            {
                var created = await user.Client.PostAsJsonAsync("/api/v1/splits", new { sourceUrl = $"{source.BaseUrl}/{name}", segmentDuration = 1 });
                var text = await created.Content.ReadAsStringAsync();
                responses.Add(($"url {name} → {(int)created.StatusCode}", text));
                if (created.StatusCode == HttpStatusCode.Created)
                {
                    jobs.Add((name, JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!));
                }
            }

            foreach (var (name, id) in jobs)
            {
                // Some damaged files still decode (a zeroed stretch of MP3 is silence); the failed ones are the point.
                var job = await user.WaitForJobAsync(id);
                responses.Add(($"job from {name} ({job.GetProperty("status").GetString()})", job.GetRawText()));
            }
        }

        foreach (var url in BadUrls)
        {
            var created = await user.Client.PostAsJsonAsync("/api/v1/splits", new { sourceUrl = url, segmentDuration = 1, webhookUrl = url });
            responses.Add(($"sourceUrl {url} → {(int)created.StatusCode}", await created.Content.ReadAsStringAsync()));
        }

        foreach (var (body, type) in BadInputFuzzTests.Bodies)
        {
            foreach (var client in new[] { user.Client, anonymous })
            {
                var (status, text) = await BadInputFuzzTests.SendAsync(client, "POST", "/api/v1/splits", body, type);
                responses.Add(($"body [{type}] → {(int)status}", text));
            }
        }

        foreach (var path in new[] { "/readyz", "/healthz", "/api/v1/splits/%2Ftmp%2Fx", "/api/v1/nothing/here" })
        {
            var response = await anonymous.GetAsync(path);
            responses.Add(($"GET {path} → {(int)response.StatusCode}", await response.Content.ReadAsStringAsync()));
        }

        var leaks = responses.Where(r => Leaks(r.Body) is not null).Select(r => $"{r.What}: {Leaks(r.Body)} in {r.Body}").ToList();
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
        Assert.Contains(responses, r => r.What.StartsWith("upload", StringComparison.Ordinal) && r.Body.Contains("CORRUPT_FILE", StringComparison.Ordinal));
        Assert.Contains(responses, r => r.What.StartsWith("job", StringComparison.Ordinal) && r.Body.Contains("CORRUPT_FILE", StringComparison.Ordinal));
    }

    private static readonly string[] BadUrls =
    [
        "file:///etc/passwd", "http://[::1", "http://127.0.0.1:9/a.wav", "gopher://x/", "http://" + new string('a', 3000) + ".example/",
        "/tmp/local.wav", "http://user:pass@127.0.0.1:9/x", "http://0x7f.1/", "\u0000http://x",
    ];

    private string? Leaks(string body)
    {
        string[] needles = [app.DataPath, Path.GetTempPath(), "/tmp/", "/home/", "blobs/", "file:/", Environment.CurrentDirectory];
        return needles.FirstOrDefault(n => body.Contains(n, StringComparison.Ordinal) || body.Contains(n.Replace("/", "\\/"), StringComparison.Ordinal));
    }

    /// <summary>Every format broken a few ways: cut headers, truncated streams, wrong bytes under a right name.</summary>
    private static async Task<List<(string Name, byte[] Bytes)>> CorpusAsync()
    {
        var wav = TestWav.Sine(3);
        var corpus = new List<(string Name, byte[] Bytes)>
        {
            ("cut-header.wav", wav[..30]),
            ("no-data.wav", wav[..44].Concat(new byte[3]).ToArray()),
            ("bad-fmt.wav", Patch(wav, 16, [0xFF, 0xFF, 0xFF, 0x7F])),
            ("garbage.mp3", Encoding.ASCII.GetBytes("ID3\u0004\0\0\0\0\0\u0010").Concat(new byte[400]).ToArray()),
            ("frames-only.mp3", Enumerable.Repeat(new byte[] { 0xFF, 0xFB, 0x90, 0x64 }, 50).SelectMany(b => b.Concat(new byte[10])).ToArray()),
            ("garbage.bin", Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919 % 251)).ToArray()),
            ("text.wav", Encoding.UTF8.GetBytes("this is not audio at all, just words")),
            ("empty.flac", []),
            ("header-only.flac", Encoding.ASCII.GetBytes("fLaC").Concat(new byte[60]).ToArray()),
        };

        foreach (var format in new[] { "ogg", "flac", "m4a", "aac", "opus", "mp3" })
        {
            var encoded = await EncodeAsync(wav, format);
            corpus.Add(($"truncated.{format}", encoded[..Math.Min(encoded.Length, 300)]));
            corpus.Add(($"half.{format}", Patch(encoded, encoded.Length / 3, new byte[Math.Min(4096, encoded.Length / 3)])));
        }

        return corpus;
    }

    private static byte[] Patch(byte[] source, int at, byte[] bytes)
    {
        var copy = source.ToArray();
        bytes.CopyTo(copy, at);
        return copy;
    }

    private static async Task<byte[]> EncodeAsync(byte[] wav, string format)
    {
        var folder = Directory.CreateTempSubdirectory("audioportal-corpus-");
        try
        {
            var input = Path.Combine(folder.FullName, "in.wav");
            var output = Path.Combine(folder.FullName, "out." + format);
            await File.WriteAllBytesAsync(input, wav);
            using var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg", ["-v", "error", "-y", "-i", input, output])
            {
                RedirectStandardError = true,
            })!;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await ffmpeg.WaitForExitAsync(timeout.Token);
            Assert.True(ffmpeg.ExitCode == 0, await ffmpeg.StandardError.ReadToEndAsync());
            return await File.ReadAllBytesAsync(output);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}

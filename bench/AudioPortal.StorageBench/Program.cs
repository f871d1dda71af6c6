using System.Diagnostics;
using System.Globalization;
using AudioPortal.Audio;
using AudioPortal.Audio.Planning;
using AudioPortal.Audio.Writing;
using AudioPortal.Core.Storage;
using AudioPortal.Core.Storage.Encryption;
using AudioPortal.StorageBench;

// Usage: AudioPortal.StorageBench [minutes=10] [rounds=5] [downloadMB=100]
// Times, with Storage:EncryptAtRest off and on (alternating rounds, so drift hits both alike):
//  job       what the server does with an uploaded WAV split into 60 s parts copied without re-encoding: store the
//            upload (hashing it), hand the engine a plaintext file (a decrypted scratch copy when encrypted), probe,
//            plan, split, hash the parts for the manifest, move the parts into storage (encrypting them);
//  download  a stored blob served over HTTP by Kestrel on loopback (File(stream, enableRangeProcessing)), read by HttpClient.
var minutes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
var downloadMb = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100;
var engine = new AudioEngine(new AudioEngineOptions());
var root = Directory.CreateTempSubdirectory("audioportal-storagebench-").FullName;
try
{
    var wav = Path.Combine(root, "input.wav");
    BenchWav.Write(wav, minutes * 60);
    var keys = StorageKeys.Load(Path.Combine(root, "keys"), null);
    var results = new Dictionary<string, List<double>>();
    void Add(string name, double seconds) => (results.TryGetValue(name, out var list) ? list : results[name] = []).Add(seconds);

    await JobAsync(false, "warm-up"); // compiles every method on the path
    await JobAsync(true, "warm-up");
    for (var round = 0; round < rounds; round++)
    {
        foreach (var encrypt in round % 2 == 0 ? new[] { false, true } : [true, false])
        {
            var (total, upload, split, store) = await JobAsync(encrypt, round.ToString(CultureInfo.InvariantCulture));
            var mode = encrypt ? "encrypted" : "plain";
            Add($"job {mode}", total);
            Add($"  upload stored {mode}", upload);
            Add($"  local file + probe/plan/split + hashes {mode}", split);
            Add($"  parts stored {mode}", store);
        }
    }

    // The floor: one AES-256-GCM pass over the download's bytes in memory (the chunked format, no disk).
    var memory = new byte[downloadMb * 1_000_000];
    for (var round = 0; round <= rounds; round++)
    {
        var watch = Stopwatch.StartNew();
        await using (var sealer = new EncryptingStream(Stream.Null, keys.Current.Id, keys.Current.Key))
        {
            await sealer.WriteAsync(memory);
            await sealer.CompleteAsync(default);
        }

        if (round > 0)
        {
            Add($"AES-256-GCM seal {downloadMb} MB in memory", watch.Elapsed.TotalSeconds);
        }
    }

    await using (var server = await DownloadServer.StartAsync(root, keys, downloadMb))
    {
        await server.GetAsync(false);
        await server.GetAsync(true);
        for (var round = 0; round < rounds; round++)
        {
            foreach (var encrypt in round % 2 == 0 ? new[] { false, true } : [true, false])
            {
                Add($"download {downloadMb} MB {(encrypt ? "encrypted" : "plain")}", await server.GetAsync(encrypt));
            }
        }
    }

    Console.WriteLine($"{minutes} min 44.1 kHz stereo WAV ({new FileInfo(wav).Length / 1e6:0.0} MB), {rounds} rounds; median (min–max) seconds");
    foreach (var (name, list) in results)
    {
        list.Sort();
        Console.WriteLine($"{name,-52} {list[list.Count / 2]:0.000} ({list[0]:0.000}–{list[^1]:0.000})");
    }

    foreach (var name in new[] { "job", $"download {downloadMb} MB" })
    {
        var plain = Median(results[$"{name} plain"]);
        var encrypted = Median(results[$"{name} encrypted"]);
        Console.WriteLine($"{name}: encryption adds {(encrypted / plain - 1) * 100:0.0} % wall time");
    }
}
finally
{
    Directory.Delete(root, recursive: true);
}

static double Median(List<double> list) => list.Order().ElementAt(list.Count / 2);

async Task<(double Total, double Upload, double Split, double Store)> JobAsync(bool encrypt, string name)
{
    var keys = StorageKeys.Load(Path.Combine(root, "keys"), null);
    var blobs = Path.Combine(root, "blobs-" + name + (encrypt ? "-e" : "-p"));
    var store = new LocalBlobStore(blobs, new BlobCipher(keys, encrypt), Path.Combine(root, "tmp"));
    var work = Path.Combine(root, "work-" + name);
    var watch = Stopwatch.StartNew();
    await using (var input = new FileStream(Path.Combine(root, "input.wav"), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true))
    {
        (await store.WriteAsync("usr_1/job_1/source", input, long.MaxValue, default)).Value.ToString();
    }

    var upload = watch.Elapsed.TotalSeconds;
    IReadOnlyList<SplitPart> parts;
    await using (var local = await store.GetLocalFileAsync("usr_1/job_1/source", default))
    {
        var info = (await engine.ProbeAsync(local.Path)).Value;
        var plan = (await engine.PlanAsync(local.Path, info, new SplitRequest(SplitMode.Duration, OutputFormat.Wav, SegmentSeconds: 60))).Value;
        parts = (await engine.SplitAsync(local.Path, info, plan, new SplitOptions(work, "input", Environment.ProcessorCount))).Value;
        await AudioEngine.DescribeAsync("input.wav", info, plan, parts, default);
    }

    var split = watch.Elapsed.TotalSeconds - upload;
    foreach (var part in parts)
    {
        await store.ImportAsync($"usr_1/job_1/parts/a/{Path.GetFileName(part.Path)}", part.Path, default);
    }

    var total = watch.Elapsed.TotalSeconds;
    Directory.Delete(blobs, recursive: true);
    Directory.Delete(work, recursive: true);
    return (total, upload, split, total - upload - split);
}

// The main flow of the API through the client Kiota generated from /openapi/v1.json: no request is built by hand.
// Arguments: base URL, API key, a WAV file. Prints one line per step; exits non-zero on the first surprise.
using AudioPortal.Client;
using AudioPortal.Client.Models;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

var (baseUrl, apiKey, wavPath) = (args[0], args[1], args[2]);
// Kiota's ApiKeyAuthenticationProvider insists on https; the test server is plain http on 127.0.0.1, so the key rides on the HttpClient.
using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
http.DefaultRequestHeaders.Add("X-API-Key", apiKey);
var client = new AudioPortalClient(new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http) { BaseUrl = baseUrl });

var form = new MultipartBody();
form.AddOrReplacePart("file", "audio/wav", File.OpenRead(wavPath), "tone.wav");
form.AddOrReplacePart("segmentDuration", "text/plain", "2");
var created = await client.Api.V1.Splits.PostAsync(form) ?? throw new InvalidOperationException("No job in the 201.");
Console.WriteLine($"created {created.Id} {created.Status}");

var job = created;
for (var i = 0; i < 300 && job.Status is "queued" or "processing"; i++)
{
    await Task.Delay(200);
    job = await client.Api.V1.Splits[created.Id].GetAsync() ?? throw new InvalidOperationException("No job.");
}

Console.WriteLine($"status {job.Status} segments {job.SegmentCount}");
if (job.Status != "completed")
{
    return 1;
}

// The signed links are the credential: the generated builders follow them as given.
var segment = job.Segments!.Single(s => s.Index == 1);
await using (var audio = await client.Api.V1.Splits[job.Id].Segments[1].WithUrl(segment.DownloadUrl!).GetAsync() ?? Stream.Null)
{
    var bytes = new MemoryStream();
    await audio.CopyToAsync(bytes);
    Console.WriteLine($"segment 1 {bytes.Length} bytes");
}

await using (var zip = await client.Api.V1.Splits[job.Id].Archive.WithUrl(job.ArchiveUrl!).GetAsync() ?? Stream.Null)
{
    var bytes = new MemoryStream();
    await zip.CopyToAsync(bytes);
    Console.WriteLine($"archive {(bytes.Length > 4 && bytes.GetBuffer()[0] == 'P' && bytes.GetBuffer()[1] == 'K' ? "zip" : "not a zip")}");
}

var page = await client.Api.V1.Splits.GetAsync(c => c.QueryParameters.Limit = 100);
Console.WriteLine($"listed {page!.Data!.Any(j => j.Id == job.Id)} total {page.Pagination!.Total}");

await client.Api.V1.Splits[job.Id].DeleteAsync();
Console.WriteLine("deleted");

try
{
    await client.Api.V1.Splits[job.Id].GetAsync();
    Console.WriteLine("still there");
    return 1;
}
catch (ErrorEnvelope error)
{
    Console.WriteLine($"error {error.ResponseStatusCode} {error.Error!.Code}");
}

return 0;

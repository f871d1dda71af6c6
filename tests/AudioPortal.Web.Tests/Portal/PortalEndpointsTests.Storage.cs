using System.Net;

namespace AudioPortal.Web.Tests.Portal;

/// <summary>The portal's upload runs into the same storage cap as the API (the free plan's 1 GiB here).</summary>
public sealed partial class PortalEndpointsTests
{
    [Fact]
    public async Task An_upload_to_a_full_account_is_refused_with_storage_limit_exceeded()
    {
        var (client, token, account) = await SignInAsync();
        var folder = Directory.CreateDirectory(Path.Combine(_app.DataPath, "blobs", account.Id, "job_filler")).FullName;
        await using (var sparse = File.Create(Path.Combine(folder, "source")))
        {
            sparse.SetLength(1L << 30); // counts at its length, takes no disk
        }

        var response = await client.SendAsync(Upload(token, TestWav.Sine(1), "tone.wav"));

        await AssertErrorAsync(response, HttpStatusCode.PaymentRequired, "STORAGE_LIMIT_EXCEEDED");
    }
}

using System.Net;
using AudioPortal.Core.Billing;
using AudioPortal.Web.Tests.Infrastructure;

namespace AudioPortal.Web.Tests.Billing;

/// <summary>The billing errors a client meets when creating a job: QUOTA_EXCEEDED and PAYMENT_REQUIRED through POST /splits.</summary>
public sealed class QuotaThroughSplitsApiTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 3, 15, 10, 0, 0, TimeSpan.Zero);
    private readonly BillingApp _app = new(Now);
    private string _account = "";
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _app.UseKestrel(0); // uploads are streamed by a multipart reader that wants a real server, as in the splits tests
        (_account, _client) = await _app.CreateAccountWithKeyAsync();
    }

    [Fact]
    public async Task An_upload_longer_than_the_free_minutes_left_is_refused_with_quota_exceeded()
    {
        await _app.CompleteJobAsync(_account, "job_earlier", 59 * 60);

        var error = await (await _client.PostAsync("/api/v1/splits", Upload(seconds: 61))).AssertErrorAsync(HttpStatusCode.PaymentRequired, "QUOTA_EXCEEDED");
        Assert.Equal(2, error.GetProperty("details").GetProperty("minutesRequested").GetInt32());

        Assert.Equal(HttpStatusCode.Created, (await _client.PostAsync("/api/v1/splits", Upload(seconds: 30))).StatusCode);
    }

    [Fact]
    public async Task An_open_invoice_past_its_due_date_is_refused_with_payment_required()
    {
        await _app.WithDbAsync(async db =>
        {
            db.Add(new Invoice
            {
                AccountId = _account, Number = "INV-2026-0099", Amount = 1900, Status = InvoiceStatus.Open, Provider = "offline",
                PeriodStart = Now.AddMonths(-1), PeriodEnd = Now, IssuedAt = Now.AddDays(-20), DueAt = Now.AddDays(-6),
            });
            return await db.SaveChangesAsync();
        });

        await (await _client.PostAsync("/api/v1/splits", Upload(seconds: 5))).AssertErrorAsync(HttpStatusCode.PaymentRequired, "PAYMENT_REQUIRED");
    }

    private static MultipartFormDataContent Upload(double seconds)
    {
        var content = new MultipartFormDataContent
        {
            { new StringContent("2"), "segmentDuration" },
        };
        content.Add(new ByteArrayContent(TestWav.Sine(seconds)), "file", "tone.wav"); // 8 kHz mono: the length is all the quota check needs
        return content;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }
}

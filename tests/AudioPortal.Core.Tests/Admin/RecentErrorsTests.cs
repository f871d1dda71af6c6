using AudioPortal.Core.Admin;

namespace AudioPortal.Core.Tests.Admin;

public sealed class RecentErrorsTests
{
    private static RecentError Error(int n) =>
        new(DateTimeOffset.UnixEpoch.AddSeconds(n), $"req_{n:D4}", 404, "NOT_FOUND", "GET", $"/api/v1/splits/job_{n}", null);

    [Fact]
    public void The_ring_keeps_the_newest_entries_up_to_its_size_newest_first()
    {
        var errors = new RecentErrors(new AdminOptions { RecentErrors = 10 });

        for (var n = 1; n <= 25; n++)
        {
            errors.Record(Error(n));
        }

        Assert.Equal(Enumerable.Range(16, 10).Reverse().Select(n => $"req_{n:D4}"), errors.List().Select(e => e.RequestId));
    }

    [Fact]
    public void A_request_id_or_its_start_finds_its_entries()
    {
        var errors = new RecentErrors(new AdminOptions());
        errors.Record(Error(1));
        errors.Record(Error(12));
        errors.Record(Error(13));

        Assert.Equal(["req_0001"], errors.List("REQ_0001").Select(e => e.RequestId));
        Assert.Equal(["req_0013", "req_0012"], errors.List("req_001").Select(e => e.RequestId));
        Assert.Empty(errors.List("req_9"));
    }
}

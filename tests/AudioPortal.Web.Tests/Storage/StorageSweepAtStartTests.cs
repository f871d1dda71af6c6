using AudioPortal.Web.Tests.Infrastructure;

namespace AudioPortal.Web.Tests.Storage;

/// <summary>What a previous run left staged or half-written is removed when the server starts again.</summary>
public sealed class StorageSweepAtStartTests
{
    [Fact]
    public async Task Uploads_and_partial_files_a_previous_run_abandoned_are_removed_at_start_and_fresh_ones_are_kept()
    {
        using var app = new AppFactory();
        var uploads = Directory.CreateDirectory(Path.Combine(app.DataPath, "blobs", "usr_previousrun", "uploads")).FullName;
        var abandoned = Stale(Path.Combine(uploads, "upl_abandoned"));
        var partial = Stale(Path.Combine(uploads, "upl_cut.partial-0123abcd"));
        var fresh = Path.Combine(uploads, "upl_fresh");
        await File.WriteAllTextAsync(fresh, "x");

        using var client = app.CreateClient();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((File.Exists(abandoned) || File.Exists(partial)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.False(File.Exists(abandoned));
        Assert.False(File.Exists(partial));
        Assert.True(File.Exists(fresh));
    }

    private static string Stale(string path)
    {
        File.WriteAllText(path, "x");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddDays(-2));
        return path;
    }
}

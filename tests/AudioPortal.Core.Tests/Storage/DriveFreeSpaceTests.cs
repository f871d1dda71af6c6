using AudioPortal.Core.Storage;

namespace AudioPortal.Core.Tests.Storage;

public sealed class DriveFreeSpaceTests
{
    [Fact]
    public void A_data_folder_not_yet_created_reports_the_free_space_of_the_volume_it_will_live_on()
    {
        var missing = Path.Combine(Path.GetTempPath(), "audioportal-tests", Guid.NewGuid().ToString("N"), "data");
        var volume = new DriveInfo(Path.GetTempPath()).AvailableFreeSpace;

        var reported = new DriveFreeSpace().AvailableBytes(missing);

        Assert.False(Directory.Exists(missing));
        Assert.True(reported > 0);
        Assert.InRange(reported, volume - (256L << 20), volume + (256L << 20)); // other writers may move it a little
    }
}

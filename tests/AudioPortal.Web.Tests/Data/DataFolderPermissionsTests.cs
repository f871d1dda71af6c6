using AudioPortal.Web.Tests.Infrastructure;

namespace AudioPortal.Web.Tests.Data;

/// <summary>Secrets at rest: the database and the data-protection key ring live in the data folder, readable by the owner only.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DataFolderPermissionsTests : IDisposable
{
    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private readonly AppFactory _app = new();

    [Fact]
    public async Task The_database_file_is_created_readable_by_its_owner_only()
    {
        using var client = _app.CreateClient();
        (await client.GetAsync("/readyz")).EnsureSuccessStatusCode();

        var database = Path.Combine(_app.DataPath, "audioportal.db");
        Assert.True(File.Exists(database));
        Assert.Equal(OwnerFile, File.GetUnixFileMode(database));
    }

    [Fact]
    public async Task Data_protection_keys_are_kept_in_the_data_folder_readable_by_their_owner_only()
    {
        using var client = _app.CreateClient();

        // The sign-in page's antiforgery token needs the key ring, so the first key is written now.
        (await client.GetAsync("/Account/Login")).EnsureSuccessStatusCode();

        var folder = Path.Combine(_app.DataPath, "keys", "dataprotection");
        Assert.True(Directory.Exists(folder), "no key folder in the data folder");
        Assert.Equal(OwnerFolder, File.GetUnixFileMode(folder));
        var keys = Directory.GetFiles(folder, "*.xml");
        Assert.NotEmpty(keys);
        Assert.All(keys, key => Assert.Equal(OwnerFile, File.GetUnixFileMode(key)));
    }

    public void Dispose() => _app.Dispose();
}

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AudioPortal.E2E.Infrastructure;

/// <summary>
/// The real application on a real Kestrel bound to 127.0.0.1 (a free port), with its own SQLite database
/// and storage in a temp folder, for a real browser to talk to.
/// </summary>
public sealed class PortalServer : WebApplicationFactory<Program>
{
    public PortalServer()
    {
        DataPath = Path.Combine(Path.GetTempPath(), "audioportal-e2e", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataPath);
        UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseUrl = addresses.Addresses.First().TrimEnd('/');
    }

    public string DataPath { get; }

    /// <summary>Receives the server's log entries at Error and Critical.</summary>
    public ErrorWatch Errors { get; } = new();

    /// <summary>e.g. http://127.0.0.1:41234</summary>
    public string BaseUrl { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Data:Path", DataPath);
        builder.UseSetting("Sources:AllowPrivateNetworks", "true");
        builder.UseSetting("Webhooks:AllowPrivateNetworks", "true");
        builder.ConfigureLogging(logging => logging.AddProvider(Errors));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a background worker; the OS cleans temp eventually.
        }
    }
}

using System.Net;
using System.Net.Sockets;
using AudioPortal.Web.Tests.Infrastructure;

namespace AudioPortal.Web.Tests.Hosting;

/// <summary>A server that cannot start says why, and nothing else: its background services end without noise.</summary>
public sealed class AfterStartServiceTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "audioportal-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_server_whose_port_is_taken_exits_logging_only_the_failed_start()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        using var server = ServerProcess.Start(_data, ((IPEndPoint)taken.LocalEndpoint).Port);

        Assert.True(await server.WaitForExitAsync(TimeSpan.FromSeconds(60)), "The server kept running on a taken port.");
        var output = string.Join('\n', server.Output);
        Assert.Contains("address already in use", output);

        // The host's own "Hosting failed to start" is the one error; background services must not add theirs while the
        // host is torn down (ApiKeyUsageFlusher logged an ObjectDisposedException from its last flush).
        var errors = server.Output.Where(l => l.Contains(" fail: ", StringComparison.Ordinal) && !l.Contains("Microsoft.Extensions.Hosting.Internal.Host[11]", StringComparison.Ordinal));
        Assert.Empty(errors);
        Assert.DoesNotContain(server.Output, l => l.Contains(" warn: ", StringComparison.Ordinal) && l.Contains("Exception", StringComparison.Ordinal));
        Assert.DoesNotContain("ObjectDisposedException", output);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

using AudioPortal.Web.Tests.Infrastructure;

namespace AudioPortal.Web.Tests.Hosting;

/// <summary>The real program started with a bad setting: it stops at once with one line naming the key.</summary>
public sealed class InvalidSettingsStartTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("audioportal-badsetting-").FullName;

    [Fact]
    public async Task A_bad_setting_stops_the_start_with_one_error_line_naming_its_key_and_no_stack()
    {
        using var server = ServerProcess.Start(_data, settings: new Dictionary<string, string> { ["Webhooks:AttemptTimeout"] = "-00:00:01" });

        Assert.True(await server.WaitForExitAsync(TimeSpan.FromSeconds(60)), "the server kept running with a bad setting");
        var output = server.Output.ToList();
        Assert.Contains(output, line => line.StartsWith("error: Webhooks:AttemptTimeout", StringComparison.Ordinal));
        Assert.DoesNotContain(output, line => line.Contains("Unhandled exception", StringComparison.Ordinal) || line.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        Assert.DoesNotContain(output, line => line.Contains("fail:", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);
}

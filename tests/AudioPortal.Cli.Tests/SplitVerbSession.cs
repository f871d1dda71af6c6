using System.Text.Json;

namespace AudioPortal.Cli.Tests;

/// <summary>A folder, captured output and the <c>split</c> verb run in-process: what the split command's tests share.</summary>
public abstract class SplitVerbSession : IDisposable
{
    protected SplitVerbSession(string prefix)
    {
        Root = Path.Combine(Path.GetTempPath(), $"audioportal-{prefix}-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    protected string Root { get; }

    protected StringWriter Out { get; } = new();

    protected StringWriter Err { get; } = new();

    protected string OutDir => Path.Combine(Root, "parts");

    protected Task<int> RunAsync(params string[] args) =>
        CliDispatcher.RunAsync(StandaloneCli.Program, ["split", .. args], Out, Err);

    /// <summary>The parts of the manifest.json the split wrote beside its parts.</summary>
    protected List<JsonElement> ManifestParts()
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(OutDir, "manifest.json")));
        return json.RootElement.GetProperty("parts").EnumerateArray().Select(p => p.Clone()).ToList();
    }

    public void Dispose()
    {
        Directory.Delete(Root, recursive: true);
        GC.SuppressFinalize(this);
    }
}

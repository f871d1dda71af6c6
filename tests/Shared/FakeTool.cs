namespace AudioPortal.TestSupport;

/// <summary>
/// A stand-in for ffmpeg or ffprobe at the true edge: an executable shell script in a temp folder, for the failures a
/// real tool cannot be made to show on demand (hanging, a full disk). Deleted with the instance.
/// </summary>
public sealed class FakeTool : IDisposable
{
    private readonly string _folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "audioportal-faketool", Guid.NewGuid().ToString("N"));

    public FakeTool(string body)
    {
        Directory.CreateDirectory(_folder);
        Path = System.IO.Path.Combine(_folder, "tool.sh");
        File.WriteAllText(Path, "#!/bin/sh\n" + body.Replace("{pidfile}", PidFile) + "\n");
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("FakeTool writes POSIX shell scripts.");
        }

        File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>A tool that starts a child <c>sleep</c>, writes the child's pid to <see cref="PidFile"/>, and waits for it.</summary>
    public static FakeTool Hanging() => new("sleep 120 &\necho $! > {pidfile}\nwait");

    /// <summary>A tool that fails as ffmpeg does when the disk fills up while it writes.</summary>
    public static FakeTool DiskFull() => new("echo 'Error writing trailer of out.mp3: No space left on device' >&2\nexit 1");

    public string Path { get; }

    public string PidFile => System.IO.Path.Combine(_folder, "child.pid");

    /// <summary>Whether the child recorded in <see cref="PidFile"/> still runs (a zombie awaiting its reaper counts as gone).</summary>
    public bool ChildAlive()
    {
        if (!File.Exists(PidFile) || !int.TryParse(File.ReadAllText(PidFile).Trim(), out var pid))
        {
            return false;
        }

        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat))
        {
            return false;
        }

        try
        {
            var fields = File.ReadAllText(stat);
            return fields[(fields.LastIndexOf(')') + 2)..].FirstOrDefault() is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Waits (bounded) for <see cref="PidFile"/> to appear: the tool has started its child.</summary>
    public async Task WaitStartedAsync(TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        while (!File.Exists(PidFile) && DateTime.UtcNow < until)
        {
            await Task.Delay(20);
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

namespace AudioPortal.Audio.Writing;

/// <summary>
/// The files of one split: each part is written to <c>name.partial</c> and renamed when complete; if the split
/// fails or is cancelled, <see cref="Dispose"/> deletes everything this split wrote, so nothing is left behind.
/// </summary>
internal sealed class PartFiles : IDisposable
{
    private readonly List<string> _written = [];
    private readonly string _directory;
    private bool _committed;

    public PartFiles(string directory)
    {
        _directory = directory;
        Directory.CreateDirectory(directory);
    }

    /// <summary>Opens the temporary file of a part; <see cref="Complete"/> renames it.</summary>
    public FileStream Create(string fileName)
    {
        var temp = Path.Combine(_directory, fileName + ".partial");
        _written.Add(temp);
        return new FileStream(temp, FileMode.Create, FileAccess.ReadWrite, FileShare.None, bufferSize: 0, FileOptions.Asynchronous);
    }

    /// <summary>Moves a finished part to its name and returns its path.</summary>
    public string Complete(string fileName)
    {
        var temp = Path.Combine(_directory, fileName + ".partial");
        var final = Path.Combine(_directory, fileName);
        File.Move(temp, final, overwrite: true);
        _written[_written.IndexOf(temp)] = final;
        return final;
    }

    /// <summary>Keeps the files: the split succeeded.</summary>
    public void Commit() => _committed = true;

    public void Dispose()
    {
        if (_committed)
        {
            return;
        }

        foreach (var path in _written)
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
                // Best effort: a file we cannot delete now is still better reported than hidden.
            }
        }
    }
}

/// <summary>Reports progress as whole percents, only when the value changes, never past 100.</summary>
internal sealed class ProgressMeter(IProgress<double>? progress, long total)
{
    private int _last = -1;
    private long _done;

    public void Advance(long amount)
    {
        _done += amount;
        var percent = total <= 0 ? 100 : (int)Math.Min(100, _done * 100 / total);
        if (percent != _last && progress is not null)
        {
            _last = percent;
            progress.Report(percent);
        }
    }

    public void Finish()
    {
        if (_last != 100)
        {
            _last = 100;
            progress?.Report(100);
        }
    }
}

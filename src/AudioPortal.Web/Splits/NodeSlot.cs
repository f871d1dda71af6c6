using AudioPortal.Core.Splits;

namespace AudioPortal.Web.Splits;

/// <summary>
/// This process's node id, kept in the data folder so a restarted server recognises the leases its crashed
/// predecessor held (<see cref="WorkerIdentity"/>). Each id sits in a numbered slot guarded by a lock file that the
/// process holds open for its whole life; the operating system lets go of the lock when the process dies, however
/// it dies. A restart therefore finds slot 0 free and takes its old id back, while a second process started on the same
/// data folder finds slot 0 locked and takes slot 1, an id of its own, so neither reclaims the other's jobs.
/// </summary>
internal sealed class NodeSlot : IDisposable
{
    private const int MaxSlots = 64;

    private readonly FileStream? _lock;

    public NodeSlot(string folder)
    {
        for (var slot = 0; slot < MaxSlots; slot++)
        {
            try
            {
                // FileShare.None is an exclusive lock (flock on Unix), checked by every process and every open file.
                _lock = new FileStream(Path.Combine(folder, $"node-{slot}.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                continue;
            }

            Identity = new WorkerIdentity(LoadOrCreateId(Path.Combine(folder, $"node-{slot}.id")));
            return;
        }

        // Every slot taken: run with an id nobody will see again (its leases are then only ever taken back on expiry).
        Identity = WorkerIdentity.Ephemeral();
    }

    public WorkerIdentity Identity { get; }

    public void Dispose() => _lock?.Dispose();

    private static string LoadOrCreateId(string path)
    {
        var id = File.Exists(path) ? File.ReadAllText(path).Trim() : "";
        if (id.Length != WorkerIdentity.IdLength || !id.All(char.IsAsciiHexDigitLower))
        {
            id = WorkerIdentity.NewId();
            File.WriteAllText(path, id);
        }

        return id;
    }
}

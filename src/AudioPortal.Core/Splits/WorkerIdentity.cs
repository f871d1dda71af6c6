using System.Security.Cryptography;

namespace AudioPortal.Core.Splits;

/// <summary>
/// Who holds a job's lease. Every lease token starts with the node's id (the same after a restart on the same data
/// folder) and then this process's id (new on every start), so a restarted server recognises leases its crashed
/// predecessor held and takes those jobs back at once (<see cref="JobRecovery"/>), while leases of every other node —
/// another server on the same database, or a second process running on the same data folder, which gets a node id of
/// its own — are still waited out until they expire.
/// </summary>
public sealed class WorkerIdentity
{
    /// <summary>Hex digits of the node id, and of the process id, at the start of every lease token.</summary>
    public const int IdLength = 16;

    public WorkerIdentity(string nodeId)
    {
        if (nodeId.Length != IdLength || !nodeId.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException($"A node id is {IdLength} lowercase hex digits.", nameof(nodeId));
        }

        NodeId = nodeId;
        ProcessPrefix = nodeId + NewId();
    }

    /// <summary>Stays the same across restarts of this node.</summary>
    public string NodeId { get; }

    /// <summary>The node id followed by this process's id: the start of every token this process hands out.</summary>
    public string ProcessPrefix { get; }

    /// <summary>A node id for a process that keeps none (tests, a host without a data folder): it never meets its leases again.</summary>
    public static WorkerIdentity Ephemeral() => new(NewId());

    /// <summary>A new id for <see cref="NodeId"/>.</summary>
    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdLength / 2));

    /// <summary>A fresh lease token: node id, process id, then random hex (64 characters in all).</summary>
    public string NewLeaseToken() => ProcessPrefix + Guid.NewGuid().ToString("N");

    /// <summary>Whether a lease was held by an earlier process of this node, which cannot be running any more.</summary>
    public bool HeldByEarlierProcess(string? token) =>
        token is not null && token.StartsWith(NodeId, StringComparison.Ordinal) && !token.StartsWith(ProcessPrefix, StringComparison.Ordinal);
}

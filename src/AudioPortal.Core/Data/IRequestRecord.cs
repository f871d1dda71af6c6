namespace AudioPortal.Core.Data;

/// <summary>
/// Marks a stored record of one HTTP request (a request log or error row): the retention sweeper finds every such
/// table in the model, clears <see cref="ClientAddress"/> after <see cref="RetentionOptions.ClientAddresses"/> and
/// deletes the row after <see cref="RetentionOptions.RequestLogs"/>. A feature that stores a client's address or user
/// agent implements this (an architecture test checks that none is stored otherwise).
/// </summary>
public interface IRequestRecord
{
    /// <summary>When the request arrived.</summary>
    DateTimeOffset OccurredAt { get; }

    /// <summary>The client's IP address, or null once erased.</summary>
    string? ClientAddress { get; set; }
}

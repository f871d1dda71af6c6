namespace AudioPortal.Core.Storage;

/// <summary>The data folder whose free space <see cref="StorageGuard"/> watches; the host provides it.</summary>
public sealed record StorageRoot(string Path);

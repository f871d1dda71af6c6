using System.Net;
using AudioPortal.Core.Sources;

namespace AudioPortal.Core.Tests.Sources;

/// <summary>A DNS rebinding attacker: the first lookup answers <paramref name="first"/>, every later one <paramref name="then"/>.</summary>
public sealed class RebindingResolver(IPAddress first, IPAddress then) : IHostResolver
{
    private int _calls;

    public int Calls => _calls;

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        Task.FromResult<IPAddress[]>([Interlocked.Increment(ref _calls) == 1 ? first : then]);
}

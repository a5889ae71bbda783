using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Orchestrator.State;

/// <summary>Used proposals in this process's memory until they expire, at most <see cref="MaxRemembered"/> at once (beyond that none is accepted).</summary>
internal sealed class InMemoryUsedProposals : IUsedProposals
{
    private const int MaxRemembered = 100_000;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _used = new(StringComparer.Ordinal);

    /// <summary>New for each instance: what it remembers is lost with it.</summary>
    public string? Epoch { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public bool? TryUse(string nonce, DateTimeOffset expires, DateTimeOffset now)
    {
        foreach (var (used, until) in _used)
        {
            if (until < now)
            {
                _used.TryRemove(used, out _);
            }
        }

        return _used.Count < MaxRemembered && _used.TryAdd(nonce, expires);
    }
}

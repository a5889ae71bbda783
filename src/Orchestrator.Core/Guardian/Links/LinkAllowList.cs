namespace Orchestrator.Guardian.Links;

/// <summary>
/// Hosts answers may link to: <c>guardian.links.allow</c> entries (a host allows itself and its
/// subdomains; <c>*.example.com</c> means the same) plus, per answer, the hosts of the evidence's
/// own sources and of the links quoted in the evidence.
/// </summary>
public sealed class LinkAllowList
{
    private readonly HashSet<string> _hosts;

    public LinkAllowList(IEnumerable<string> hosts)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        _hosts = new HashSet<string>(hosts.Select(Normalize).Where(h => h.Length > 0), StringComparer.Ordinal);
    }

    public static LinkAllowList Empty { get; } = new([]);

    /// <summary>The entries plus the hosts the evidence names (its source URLs and the links it quotes).</summary>
    public LinkAllowList WithEvidence(IReadOnlyList<Passage> evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        if (evidence.Count == 0)
        {
            return this;
        }

        var own = evidence.SelectMany(p => LinkScanner.Find(p.Source).Concat(LinkScanner.Find(p.Text))).Select(l => l.Host);
        return new LinkAllowList(_hosts.Concat(own));
    }

    public bool Allows(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var candidate = Normalize(host);
        while (candidate.Length > 0)
        {
            if (_hosts.Contains(candidate))
            {
                return true;
            }

            var dot = candidate.IndexOf('.', StringComparison.Ordinal);
            candidate = dot < 0 ? "" : candidate[(dot + 1)..];
        }

        return false;
    }

    private static string Normalize(string entry)
    {
        var host = entry.Trim();
        if (host.StartsWith("*.", StringComparison.Ordinal))
        {
            host = host[2..];
        }

        return LinkScanner.NormalizeHost(host);
    }
}

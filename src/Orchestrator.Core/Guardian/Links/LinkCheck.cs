using System.Text;

namespace Orchestrator.Guardian.Links;

/// <summary>
/// The <c>links</c> output check: an answer must not link to a host outside the allow-list
/// (<c>guardian.links.allow</c>, plus the hosts of the evidence's own sources). A link elsewhere can
/// carry data out the moment a chat UI renders it (an image loads by itself), so such an answer
/// fails, and the offered rewrite replaces each foreign URL with <c>[link removed: host]</c>. For a
/// local answer the failure withholds it like any other check (repair, then escalation); for a cloud
/// answer, which has no further fallback, the escalator shows the rewrite and reports the failure.
/// </summary>
public sealed class LinkCheck : IGuardianCheck
{
    public const string CheckName = "links";

    private readonly LinkAllowList _allow;
    private readonly string _name;

    /// <param name="allow">Hosts answers may link to; null allows none but the evidence's.</param>
    /// <param name="name">The name results carry (the escalator reports its run on cloud answers as <c>cloud_links</c>).</param>
    public LinkCheck(LinkAllowList? allow = null, string name = CheckName)
    {
        _allow = allow ?? LinkAllowList.Empty;
        _name = name;
    }

    public string Name => _name;

    public Task<GuardianCheckResult> CheckAsync(GuardianCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Check(context.Answer, _allow.WithEvidence(context.Evidence)));
    }

    /// <summary>The check on one text against an allow-list, synchronously (the cloud boundary calls it per released segment).</summary>
    public GuardianCheckResult Check(string answer, LinkAllowList allow)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(allow);
        var foreign = LinkScanner.Find(answer).Where(l => !allow.Allows(l.Host)).ToList();
        if (foreign.Count == 0)
        {
            return new GuardianCheckResult(_name, true, 1.0, "no links outside the allow-list");
        }

        var hosts = foreign.Select(l => l.Host).Distinct(StringComparer.Ordinal).ToList();
        var detail = $"{foreign.Count} link(s) to hosts outside the allow-list removed: {string.Join(", ", hosts.Take(5))}{(hosts.Count > 5 ? ", ..." : "")}";
        return new GuardianCheckResult(_name, false, 0.0, detail) { RewrittenAnswer = Remove(answer, foreign) };
    }

    private static string Remove(string answer, IReadOnlyList<FoundLink> foreign)
    {
        var builder = new StringBuilder(answer.Length);
        var position = 0;
        foreach (var link in foreign)
        {
            // Without "www.", so the note itself is not autolinked by a markdown renderer.
            var host = link.Host.StartsWith("www.", StringComparison.Ordinal) ? link.Host[4..] : link.Host;
            builder.Append(answer, position, link.Start - position).Append("[link removed: ").Append(host).Append(']');
            position = link.Start + link.Length;
        }

        return builder.Append(answer, position, answer.Length - position).ToString();
    }
}

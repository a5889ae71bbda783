using System.Text.RegularExpressions;

namespace Orchestrator.Configuration;

/// <summary>Reads <c>guardian.links.allow</c>: host names (optionally <c>*.</c>-prefixed), each also allowing its subdomains.</summary>
internal static partial class LinkHosts
{
    public static IReadOnlyList<string> Read(YamlFields? guardian)
    {
        var links = guardian?.Map("links", ["allow"]);
        var hosts = links?.TextList("allow", expected: "a list of host names answers may link to, e.g. intranet.example.com or *.example.com") ?? [];
        foreach (var host in hosts.Where(h => !HostName().IsMatch(h.Value)))
        {
            links!.Error(host.At, $"'{host.Value}' is not a host name; expected a host such as intranet.example.com or *.example.com, without scheme, path or port");
        }

        return [.. hosts.Select(h => h.Value.Trim().ToLowerInvariant())];
    }

    [GeneratedRegex(@"^\s*(?:\*\.)?[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex HostName();
}

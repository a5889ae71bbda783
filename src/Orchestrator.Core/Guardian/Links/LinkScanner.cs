using System.Text.RegularExpressions;

namespace Orchestrator.Guardian.Links;

/// <summary>One link target found in a text: where it is and the host it would contact.</summary>
internal readonly record struct FoundLink(int Start, int Length, string Host);

/// <summary>
/// Finds every place in a text that a browser or markdown renderer could turn into a request to a
/// host: absolute URLs (<c>https://</c>, any <c>scheme://</c>, also with backslashes), protocol-relative
/// targets (<c>//host</c>) and <c>www.</c> autolinks. It does not care whether the URL sits in a
/// markdown link, an image, an autolink or an HTML attribute: the host is what matters.
/// </summary>
internal static partial class LinkScanner
{
    public static IReadOnlyList<FoundLink> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var links = new List<FoundLink>();
        foreach (Match match in Url().Matches(text))
        {
            var host = NormalizeHost(match.Groups["host"].Value);
            if (host.Length > 0)
            {
                links.Add(new FoundLink(match.Index, match.Length, host));
            }
        }

        return links;
    }

    /// <summary>Lower case, without user info, port, brackets or trailing dots; empty when nothing host-like is left.</summary>
    public static string NormalizeHost(string authority)
    {
        var host = authority;
        var at = host.LastIndexOf('@');
        if (at >= 0)
        {
            host = host[(at + 1)..];
        }

        if (host.StartsWith('['))
        {
            var close = host.IndexOf(']', StringComparison.Ordinal);
            return close > 0 ? host[..(close + 1)].ToLowerInvariant() : "";
        }

        var colon = host.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            host = host[..colon];
        }

        return host.TrimEnd('.').ToLowerInvariant();
    }

    // scheme:// or scheme:\\ (browsers treat backslashes as slashes), a protocol-relative // after
    // a quote, '=', '(' or the start of a line, or a bare www. autolink. The target runs to
    // whitespace or a closing delimiter, placeholders such as <EMAIL_1> included.
    [GeneratedRegex(
        """(?:(?<![\w.+-])[a-zA-Z][a-zA-Z0-9+.-]*:[/\\]{2}|(?<=^|[\s"'=(<\[])[/\\]{2}(?=[\w\[])|(?<![\w.@/-])(?=www\.))(?<host>(?:<[A-Z_]+_[0-9]+>|[^\s/\\?#<>"'`)\]])+)(?:<[A-Z_]+_[0-9]+>|[^\s<>"'`)\]])*""",
        RegexOptions.CultureInvariant | RegexOptions.Multiline)]
    private static partial Regex Url();
}

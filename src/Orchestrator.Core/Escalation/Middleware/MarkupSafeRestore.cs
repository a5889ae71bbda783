using System.Text.RegularExpressions;
using Orchestrator.Guardian.Links;

namespace Orchestrator.Escalation.Middleware;

/// <summary>
/// Puts the user's values back into a cloud answer, except where a value could leave the machine
/// again: inside a URL (any <c>scheme://</c>, <c>//host</c> or <c>www.</c> target, a <c>mailto:</c>,
/// <c>tel:</c> or <c>data:</c> token), a markdown link or image destination (<c>](...)</c>, to its
/// closing parenthesis or the end of the line) or an HTML tag (<c>&lt;img src=...&gt;</c>, to its
/// closing bracket or the end of the text). A placeholder there stays a placeholder: a chat UI that
/// renders the answer would otherwise send the value to whatever host the model chose.
/// </summary>
internal static partial class MarkupSafeRestore
{
    /// <summary>The text from <paramref name="from"/> on, restored; URLs and markup are found in the whole text.</summary>
    public static string Restore(string text, IReadOnlyDictionary<string, string> mapping, int from)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(mapping);
        var tail = text[from..];
        if (mapping.Count == 0 || !tail.Contains('<', StringComparison.Ordinal))
        {
            return tail;
        }

        var guarded = GuardedRanges(text);
        return Placeholder().Replace(tail, m =>
        {
            var start = from + m.Index;
            var inMarkup = guarded.Exists(r => start < r.End && r.Start < start + m.Length);
            return !inMarkup && mapping.TryGetValue(m.Value, out var value) ? value : m.Value;
        });
    }

    private static List<(int Start, int End)> GuardedRanges(string text)
    {
        var ranges = LinkScanner.Find(text).Select(l => (l.Start, l.Start + l.Length)).ToList();
        foreach (Match token in SchemeToken().Matches(text))
        {
            ranges.Add((token.Index, token.Index + token.Length));
        }

        for (var i = text.IndexOf("](", StringComparison.Ordinal); i >= 0; i = text.IndexOf("](", i + 2, StringComparison.Ordinal))
        {
            ranges.Add((i, LinkDestinationEnd(text, i + 2)));
        }

        foreach (Match tag in TagStart().Matches(text))
        {
            ranges.Add((tag.Index, TagEnd(text, tag.Index + tag.Length)));
        }

        return ranges;
    }

    /// <summary>Just after the parenthesis that closes a markdown destination (nesting counted), or the end of the line.</summary>
    private static int LinkDestinationEnd(string text, int from)
    {
        var depth = 1;
        for (var i = from; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '\n':
                    return i;
                case '(':
                    depth++;
                    break;
                case ')' when --depth == 0:
                    return i + 1;
            }
        }

        return text.Length;
    }

    /// <summary>Just after the '&gt;' that closes an HTML tag (placeholders inside it skipped), or the end of the text.</summary>
    private static int TagEnd(string text, int from)
    {
        for (var i = from; i < text.Length; i++)
        {
            if (text[i] != '>')
            {
                continue;
            }

            var placeholder = Placeholder().Match(text, Math.Max(0, text.LastIndexOf('<', i)));
            if (!(placeholder.Success && placeholder.Index + placeholder.Length == i + 1 && placeholder.Index >= from))
            {
                return i + 1;
            }
        }

        return text.Length;
    }

    [GeneratedRegex(@"<[A-Z_]+_[0-9]+>", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    // An HTML tag opens with '<' and a letter, then a space, '/' or '>' (a placeholder has neither).
    [GeneratedRegex(@"</?[a-zA-Z][a-zA-Z0-9-]*(?=[\s/>])", RegexOptions.CultureInvariant)]
    private static partial Regex TagStart();

    [GeneratedRegex(@"(?<![\w.+-])(?:mailto|tel|sms|data|javascript|vbscript|file):\S*", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SchemeToken();
}

using System.Text.RegularExpressions;
using Orchestrator.Guardian.Pii;

namespace Orchestrator.Escalation.Middleware;

/// <summary>
/// A rule of the cloud boundary only, stricter than the PII detector: identifier-shaped runs that
/// no detector cue explains (a national id, a member, policy or account number, a document number)
/// are withheld as <c>&lt;ID_n&gt;</c> before anything leaves the machine, and restored in the answer.
/// An identifier is a token of at least 9 digits (dashes between groups of at least 2 digits
/// allowed, unless the first group is a year: 123456789, 123-45-6789-00), or a token of capitals
/// and digits, without dashes, with at least 6 digits (QQ123456C, KB5034441). Ordinary numbers stay: prices and quantities have fewer digits, a
/// decimal or a thousands-grouped number is not one token (1,250,000,000 and 3.14159265 stay), and
/// years, dates and versions are short runs. Values on <c>guardian.pii.allow</c> are sent as written,
/// and so are runs inside a link (a document's page id): answers never get values restored inside
/// URLs, so a withheld run there would leave the user a broken link.
/// </summary>
internal static partial class IdShapedRuns
{
    public const string PlaceholderName = "ID";

    private const int MinDigits = 9;
    private const int MinDigitsInCode = 6;
    private const int MaxTokenLength = 34;

    /// <summary>The text with each identifier replaced (one placeholder per distinct value), and the placeholders added to <paramref name="mapping"/>.</summary>
    public static string Redact(string text, Dictionary<string, string> mapping, IReadOnlyList<string> allow)
    {
        var builder = (System.Text.StringBuilder?)null;
        var byValue = mapping.Where(kv => kv.Key.StartsWith("<" + PlaceholderName + "_", StringComparison.Ordinal)).ToDictionary(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal);
        var next = NextNumber(text, mapping);
        PiiAllowList? allowList = null; // built only when a candidate turns up: most texts have none
        List<(int Start, int End)>? links = null;
        var copied = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (!IsTokenChar(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && IsTokenChar(text[i]))
            {
                i++;
            }

            var (from, to) = Trim(text, start, i);
            if (from >= to || !IsIdentifier(text, from, to))
            {
                continue;
            }

            links ??= [.. Link().Matches(text).Select(m => (m.Index, m.Index + m.Length))];
            if (links.Exists(link => from >= link.Start && from < link.End))
            {
                continue;
            }

            var value = text[from..to];
            allowList ??= new PiiAllowList(allow);
            if (allowList.Allows(value))
            {
                continue;
            }

            if (!byValue.TryGetValue(value, out var placeholder))
            {
                placeholder = $"<{PlaceholderName}_{next++}>";
                byValue[value] = placeholder;
                mapping[placeholder] = value;
            }

            builder ??= new System.Text.StringBuilder(text.Length);
            builder.Append(text, copied, from - copied).Append(placeholder);
            copied = to;
        }

        return builder is null ? text : builder.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>Whether text[from..to] is an identifier and not part of a larger number (a decimal, a grouped thousand).</summary>
    private static bool IsIdentifier(string text, int from, int to)
    {
        if (to - from > MaxTokenLength || PartOfNumber(text, from, to))
        {
            return false;
        }

        int digits = 0, letters = 0, group = 0;
        var shortGroup = false;
        for (var k = from; k < to; k++)
        {
            var c = text[k];
            if (char.IsAsciiDigit(c))
            {
                digits++;
                group++;
            }
            else if (char.IsAsciiLetterUpper(c))
            {
                letters++;
                group = 0;
            }
            else if (c == '-')
            {
                shortGroup |= group is > 0 and < 2;
                group = 0;
            }
            else
            {
                return false; // a lower-case letter: a word, not a code
            }
        }

        shortGroup |= group is > 0 and < 2;
        var dashed = text.AsSpan(from, to - from).Contains('-');
        return letters == 0
            ? digits >= MinDigits && !shortGroup && !(dashed && StartsWithYear(text, from))
            : digits >= MinDigitsInCode && !dashed; // 2018-08-03T10 is a time stamp, not a code
    }

    /// <summary>1982-1984-1987, 1928-29-30, 2026-11-27-001: years, ranges and dates, not an id.</summary>
    private static bool StartsWithYear(string text, int from) =>
        from + 4 < text.Length && text[from + 4] == '-' && text.AsSpan(from, 2) is "19" or "20"
        && char.IsAsciiDigit(text[from + 2]) && char.IsAsciiDigit(text[from + 3]);

    /// <summary>A '.' or ',' joins this token to digits before or after it: 3.141592653, 1,000,000,000.</summary>
    private static bool PartOfNumber(string text, int from, int to) =>
        (from >= 2 && text[from - 1] is '.' or ',' && char.IsAsciiDigit(text[from - 2]))
        || (to + 1 < text.Length && text[to] is '.' or ',' && char.IsAsciiDigit(text[to + 1]));

    private static (int From, int To) Trim(string text, int from, int to)
    {
        while (from < to && text[from] == '-')
        {
            from++;
        }

        while (to > from && text[to - 1] == '-')
        {
            to--;
        }

        return (from, to);
    }

    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '-';

    /// <summary>One past the highest <c>&lt;ID_n&gt;</c> the text or the mapping already uses.</summary>
    private static int NextNumber(string text, Dictionary<string, string> mapping)
    {
        var highest = 0;
        var marker = "<" + PlaceholderName + "_";
        foreach (var source in mapping.Keys.Append(text))
        {
            for (var at = source.IndexOf(marker, StringComparison.Ordinal); at >= 0; at = source.IndexOf(marker, at + 1, StringComparison.Ordinal))
            {
                var end = source.IndexOf('>', at);
                if (end > at && int.TryParse(source.AsSpan(at + marker.Length, end - at - marker.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n < 1_000_000)
                {
                    highest = Math.Max(highest, n);
                }
            }
        }

        return highest + 1;
    }

    [GeneratedRegex(@"https?://[^\s<>""']+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex Link();
}

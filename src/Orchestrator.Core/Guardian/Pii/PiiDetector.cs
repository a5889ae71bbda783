using System.Text.RegularExpressions;

namespace Orchestrator.Guardian.Pii;

/// <summary>
/// Finds e-mail addresses, IBANs, payment card numbers, US SSNs, IP addresses and phone numbers.
/// Candidates come from linear-time (NonBacktracking) patterns, so hostile input of any size cannot
/// hang the scan; checksums (Luhn, mod-97), value ranges and word boundaries are then checked in code.
/// Where spans overlap, the type listed first in <see cref="PiiType"/> wins (an IPv4 address is also
/// shaped like a dotted phone number).
/// </summary>
public sealed class PiiDetector
{
    private readonly PiiAllowList _allow;

    /// <param name="allow">Values that are published on purpose (a service desk address, say) and must not be redacted.</param>
    public PiiDetector(PiiAllowList? allow = null) => _allow = allow ?? PiiAllowList.Empty;

    public IReadOnlyList<PiiSpan> Detect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<PiiSpan>();
        Collect(text, PiiPatterns.Email(), PiiType.Email, found, (t, m) => Boundaries.Bounded(t, m.Index, m.Length) ? m.Length : 0);
        Collect(text, PiiPatterns.Iban(), PiiType.Iban, found, IbanLength);
        Collect(text, PiiPatterns.CreditCard(), PiiType.CreditCard, found, CardLength);
        Collect(text, PiiPatterns.Ssn(), PiiType.Ssn, found, (t, m) => IsSsn(t, m) ? m.Length : 0);
        Collect(text, PiiPatterns.Ipv4(), PiiType.IpAddress, found, (t, m) => IsIpv4(t, m) ? m.Length : 0);
        Collect(text, PiiPatterns.Ipv6(), PiiType.IpAddress, found, (t, m) => IsIpv6(t, m) ? m.Length : 0);
        Collect(text, PiiPatterns.Phone(), PiiType.Phone, found, (t, m) => PhoneRules.IsPhone(t, m) ? m.Length : 0);
        var spans = ResolveOverlaps(found);
        return _allow.IsEmpty ? spans : spans.Where(span => !_allow.Allows(span.Value)).ToList();
    }

    /// <summary>Adds a span for each candidate whose validator accepts a prefix of it (length &gt; 0).</summary>
    private static void Collect(string text, Regex pattern, PiiType type, List<PiiSpan> found, Func<string, Match, int> acceptedLength)
    {
        for (var m = pattern.Match(text); m.Success; m = m.NextMatch())
        {
            var length = acceptedLength(text, m);
            if (length > 0)
            {
                found.Add(new PiiSpan(type, m.Index, length, text.Substring(m.Index, length)));
            }
        }
    }

    private static List<PiiSpan> ResolveOverlaps(List<PiiSpan> found)
    {
        var kept = new List<PiiSpan>();
        foreach (var span in found.OrderBy(s => s.Type).ThenByDescending(s => s.Length))
        {
            if (!kept.Any(k => span.Start < k.End && k.Start < span.End))
            {
                kept.Add(span);
            }
        }

        kept.Sort((a, b) => a.Start.CompareTo(b.Start));
        return kept;
    }

    /// <summary>Greedy candidates may swallow a following word or digit group: try shorter group prefixes too.</summary>
    private static int IbanLength(string text, Match m) =>
        GroupPrefixLengths(m.Value, ' ').FirstOrDefault(len =>
            Boundaries.Bounded(text, m.Index, len) && PiiValidators.IsIbanValid(m.Value[..len].Replace(" ", "", StringComparison.Ordinal)));

    private static int CardLength(string text, Match m) =>
        m.Value[0] == '0' ? 0 : GroupPrefixLengths(m.Value, ' ', '-').FirstOrDefault(len =>
        {
            var digits = new string(m.Value[..len].Where(char.IsAsciiDigit).ToArray());
            return digits.Length is >= 13 and <= 19 && Boundaries.Bounded(text, m.Index, len, '-') && PiiValidators.IsLuhnValid(digits);
        });

    /// <summary>The whole candidate's length, then the lengths up to each separator, longest first.</summary>
    private static IEnumerable<int> GroupPrefixLengths(string candidate, params char[] separators)
    {
        yield return candidate.Length;
        for (var i = candidate.Length - 1; i > 0; i--)
        {
            if (Array.IndexOf(separators, candidate[i]) >= 0)
            {
                yield return i;
            }
        }
    }

    private static bool IsSsn(string text, Match m) =>
        Boundaries.Bounded(text, m.Index, m.Length, '-')
        && m.Value[3] == m.Value[6]
        && PiiValidators.IsSsnValid(m.Value.AsSpan(0, 3), m.Value.AsSpan(4, 2), m.Value.AsSpan(7, 4));

    private static bool IsIpv4(string text, Match m) =>
        Boundaries.Bounded(text, m.Index, m.Length, '.') && PiiValidators.IsIpv4Valid(m.Value);

    private static bool IsIpv6(string text, Match m) =>
        m.Value.Contains(':', StringComparison.Ordinal)
        && !IsHexOrColon(Boundaries.CharAt(text, m.Index - 1)) && !IsHexOrColon(Boundaries.CharAt(text, m.Index + m.Length))
        && PiiValidators.IsIpv6Valid(m.Value);

    private static bool IsHexOrColon(char c) => char.IsAsciiHexDigit(c) || c == ':' || char.IsLetter(c);
}

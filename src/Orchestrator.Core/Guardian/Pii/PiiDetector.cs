using System.Globalization;
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
    private const int MinPhoneDigits = 7;
    private const int MaxPhoneDigits = 15;

    public IReadOnlyList<PiiSpan> Detect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<PiiSpan>();
        Collect(text, PiiPatterns.Email(), PiiType.Email, found, (t, m) => Bounded(t, m.Index, m.Length) ? m.Length : 0);
        Collect(text, PiiPatterns.Iban(), PiiType.Iban, found, IbanLength);
        Collect(text, PiiPatterns.CreditCard(), PiiType.CreditCard, found, CardLength);
        Collect(text, PiiPatterns.Ssn(), PiiType.Ssn, found, (t, m) => IsSsn(t, m) ? m.Length : 0);
        Collect(text, PiiPatterns.Ipv4(), PiiType.IpAddress, found, (t, m) => IsIpv4(t, m) ? m.Length : 0);
        Collect(text, PiiPatterns.Ipv6(), PiiType.IpAddress, found, (t, m) => IsIpv6(t, m) ? m.Length : 0);
        Collect(text, PiiPatterns.Phone(), PiiType.Phone, found, (t, m) => IsPhone(t, m) ? m.Length : 0);
        return ResolveOverlaps(found);
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
            Bounded(text, m.Index, len) && PiiValidators.IsIbanValid(m.Value[..len].Replace(" ", "", StringComparison.Ordinal)));

    private static int CardLength(string text, Match m) =>
        m.Value[0] == '0' ? 0 : GroupPrefixLengths(m.Value, ' ', '-').FirstOrDefault(len =>
        {
            var digits = new string(m.Value[..len].Where(char.IsAsciiDigit).ToArray());
            return digits.Length is >= 13 and <= 19 && Bounded(text, m.Index, len, '-') && PiiValidators.IsLuhnValid(digits);
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
        Bounded(text, m.Index, m.Length, '-')
        && m.Value[3] == m.Value[6]
        && PiiValidators.IsSsnValid(m.Value.AsSpan(0, 3), m.Value.AsSpan(4, 2), m.Value.AsSpan(7, 4));

    private static bool IsIpv4(string text, Match m) =>
        Bounded(text, m.Index, m.Length, '.') && PiiValidators.IsIpv4Valid(m.Value);

    private static bool IsIpv6(string text, Match m) =>
        m.Value.Contains(':', StringComparison.Ordinal)
        && !IsHexOrColon(CharAt(text, m.Index - 1)) && !IsHexOrColon(CharAt(text, m.Index + m.Length))
        && PiiValidators.IsIpv6Valid(m.Value);

    /// <summary>
    /// 7-15 digits with separators or a + prefix. Two bare groups only in the US local shape 555-1234
    /// or with a domestic trunk 0 (0393 1144137):
    /// otherwise "17151 2450 Crown St" (house numbers) and "75534-030" (postcodes) would be phones.
    /// Dates, date-times, version numbers (dotted with a 1- or 5-digit group: 10.0.19041.1234) and
    /// amounts after a currency symbol are vetoed.
    /// </summary>
    private static bool IsPhone(string text, Match m)
    {
        var value = m.Value;
        var extension = value.IndexOfAny(['x', 'X', 'e', 'E']);
        var number = extension < 0 ? value : value[..extension].TrimEnd();
        var digits = number.Count(char.IsAsciiDigit);
        var prefixed = number.StartsWith('+') || number.Contains('(', StringComparison.Ordinal);
        var groups = number.Split([' ', '.', '-'], StringSplitOptions.RemoveEmptyEntries);
        var usLocal = groups.Length == 2 && groups[0].Length == 3 && groups[1].Length == 4 && number[3] == '-';
        var trunkPrefixed = groups.Length == 2 && groups[0].Length >= 2 && groups[0][0] == '0';
        var versionLike = number.Contains('.', StringComparison.Ordinal) && groups.Any(g => g.Length is 1 or 5);
        var end = m.Index + m.Length;
        var followedByTime = CharAt(text, end) == ':' && char.IsAsciiDigit(CharAt(text, end + 1));
        return digits is >= MinPhoneDigits and <= MaxPhoneDigits
            && (prefixed || groups.Length >= 3 || usLocal || trunkPrefixed)
            && !PiiValidators.LooksLikeDate(number.Split(' ')[0])
            && !followedByTime
            && !versionLike
            && Bounded(text, m.Index, m.Length, '-', '.', '#', '/', '_', '+')
            && !FollowsCurrencySymbol(text, m.Index);
    }

    /// <summary>
    /// True when neither neighbour is a letter or digit (nor one of <paramref name="joiners"/> followed
    /// or preceded by a digit), so "v1.2.3.4", "ID-123-45-6789" and runs of digits are not split into PII.
    /// </summary>
    private static bool Bounded(string text, int start, int length, params char[] joiners)
    {
        var before = CharAt(text, start - 1);
        var after = CharAt(text, start + length);
        var beforeJoined = Array.IndexOf(joiners, before) >= 0 && (char.IsLetterOrDigit(CharAt(text, start - 2)) || before is '#' or '+');
        var afterJoined = Array.IndexOf(joiners, after) >= 0 && char.IsLetterOrDigit(CharAt(text, start + length + 1));
        return !char.IsLetterOrDigit(before) && !char.IsLetterOrDigit(after) && !beforeJoined && !afterJoined;
    }

    private static bool FollowsCurrencySymbol(string text, int start)
    {
        var i = start - 1;
        while (i >= 0 && text[i] == ' ')
        {
            i--;
        }

        return i >= 0 && CharUnicodeInfo.GetUnicodeCategory(text[i]) == UnicodeCategory.CurrencySymbol;
    }

    private static bool IsHexOrColon(char c) => char.IsAsciiHexDigit(c) || c == ':' || char.IsLetter(c);

    private static char CharAt(string text, int index) => index >= 0 && index < text.Length ? text[index] : '\0';
}

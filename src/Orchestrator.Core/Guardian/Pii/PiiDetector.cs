using System.Text.RegularExpressions;

namespace Orchestrator.Guardian.Pii;

/// <summary>
/// Finds e-mail addresses, IBANs, payment card numbers, US SSNs, IP addresses, phone numbers,
/// passport numbers, dates of birth, street addresses and person names, each with a confidence.
/// The text is first folded (<see cref="PiiTextNormalizer"/>: full-width digits, zero-width
/// characters, look-alike letters) and spans are reported at their original offsets. Candidates come
/// from linear-time (NonBacktracking) patterns and a single pass over the words, so hostile input of
/// any size cannot hang the scan; checksums (Luhn, mod-97), value ranges, cue words and word
/// boundaries are then checked in code. Where spans overlap, the type listed first in
/// <see cref="PiiType"/> wins (an IPv4 address is also shaped like a dotted phone number).
/// </summary>
public sealed class PiiDetector
{
    private readonly PiiAllowList _allow;

    /// <param name="allow">Values that are published on purpose (a service desk address, say) and must not be redacted.</param>
    public PiiDetector(PiiAllowList? allow = null) => _allow = allow ?? PiiAllowList.Empty;

    public IReadOnlyList<PiiSpan> Detect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // A proposal's closing signature is not scanned (ConfirmationTokenSuffix); spans before it keep their offsets.
        var length = ConfirmationTokenSuffix.LengthBefore(text);
        var scanned = length < text.Length ? text[..length] : text;
        var (folded, map) = PiiTextNormalizer.Normalize(scanned);
        var found = new List<PiiSpan>();
        CollectPatterns(folded, PiiPatternNeeds.Of(folded), found);
        var tokens = WordToken.Split(folded);
        AddressRules.Collect(folded, tokens, found);
        PersonRules.Collect(folded, tokens, found);
        DropZipCodesInAddresses(found);
        AddressLocalities.DropPersons(folded, found);
        var spans = ResolveOverlaps(found, folded.Length)
            .Select(s => ToOriginal(scanned, map, s))
            .Where(s => _allow.IsEmpty || !_allow.Allows(s.Value))
            .ToList();
        return spans;
    }

    /// <summary>The candidates of the patterns the text can match (<see cref="PiiPatternNeeds"/>: a scan that cannot match is skipped), in the order they always ran.</summary>
    internal static void CollectPatterns(string folded, PiiPatternNeeds needs, List<PiiSpan> found)
    {
        if (needs.MayHoldEmail)
        {
            Collect(folded, PiiPatterns.Email(), PiiType.Email, found, (t, m) => Boundaries.Bounded(t, m.Index, m.Length) ? (m.Length, 1.0) : default);
        }

        if (needs.MayHoldIban)
        {
            Collect(folded, PiiPatterns.Iban(), PiiType.Iban, found, (t, m) => (IbanLength(t, m), 1.0));
        }

        if (needs.MayHoldCard)
        {
            Collect(folded, PiiPatterns.CreditCard(), PiiType.CreditCard, found, CardRules.Accept);
        }

        if (needs.MayHoldSsn)
        {
            Collect(folded, PiiPatterns.Ssn(), PiiType.Ssn, found, SsnConfidence);
        }

        if (needs.MayHoldIpv4)
        {
            Collect(folded, PiiPatterns.Ipv4(), PiiType.IpAddress, found, (t, m) => IsIpv4(t, m) ? (m.Length, 1.0) : default);
        }

        if (needs.MayHoldIpv6)
        {
            Collect(folded, PiiPatterns.Ipv6(), PiiType.IpAddress, found, (t, m) => IsIpv6(t, m) ? (m.Length, 1.0) : default);
        }

        if (needs.MayHoldPhone)
        {
            Collect(folded, PiiPatterns.Phone(), PiiType.Phone, found, (t, m) => (m.Length, PhoneRules.Confidence(t, m)));
        }

        if (needs.MayHoldPassport)
        {
            Collect(folded, PiiPatterns.Passport(), PiiType.Passport, found, Cued(ContextCues.Passport, 0.8, m => PiiValidators.IsPassportShape(m.Value)));
        }

        if (needs.MayHoldDate)
        {
            Collect(folded, PiiPatterns.Date(), PiiType.DateOfBirth, found, Cued(ContextCues.BirthDate, 0.85, _ => true));
        }
    }

    private static PiiSpan ToOriginal(string text, int[] map, PiiSpan span)
    {
        var (start, end) = PiiTextNormalizer.ToOriginal(map, span.Start, span.End);
        return span with { Start = start, Length = end - start, Value = text[start..end] };
    }

    /// <summary>Adds a span for each candidate whose validator accepts a prefix of it (length &gt; 0, confidence &gt; 0).</summary>
    private static void Collect(string text, Regex pattern, PiiType type, List<PiiSpan> found, Func<string, Match, (int Length, double Confidence)> accept)
    {
        for (var m = pattern.Match(text); m.Success; m = m.NextMatch())
        {
            var (length, confidence) = accept(text, m);
            if (length > 0 && confidence > 0)
            {
                found.Add(new PiiSpan(type, m.Index, length, text.Substring(m.Index, length)) { Confidence = confidence });
            }
        }
    }

    private static Func<string, Match, (int, double)> Cued(string[] cues, double confidence, Func<Match, bool> shape) =>
        (t, m) => Boundaries.Bounded(t, m.Index, m.Length) && shape(m) && ContextCues.Before(t, m.Index, cues, 40) ? (m.Length, confidence) : default;

    /// <summary>
    /// "Manhattan 03825-9251": a ZIP+4 code has a phone number's shape, and a phone outranks an address,
    /// so inside an address it would cost the whole address; there it is the address's postcode.
    /// </summary>
    private static void DropZipCodesInAddresses(List<PiiSpan> found)
    {
        if (!found.Exists(s => s.Type == PiiType.Phone) || !found.Exists(s => s.Type == PiiType.StreetAddress))
        {
            return;
        }

        var end = found.Max(s => s.Start + s.Length);
        var inAddress = new bool[end];
        foreach (var address in found.Where(s => s.Type == PiiType.StreetAddress))
        {
            inAddress.AsSpan(address.Start, address.Length).Fill(true);
        }

        found.RemoveAll(p => p.Type == PiiType.Phone && p.Length == 10 && p.Value[5] == '-' && p.Value.Count(char.IsAsciiDigit) == 9
            && inAddress.AsSpan(p.Start, p.Length).Contains(true));
    }

    /// <summary>Higher types first, longer first; a span is kept when none of its characters is taken (linear in the text, whatever the span count).</summary>
    private static List<PiiSpan> ResolveOverlaps(List<PiiSpan> found, int textLength)
    {
        var taken = new bool[textLength];
        var kept = new List<PiiSpan>();
        foreach (var span in found.OrderBy(s => s.Type).ThenByDescending(s => s.Length).ThenBy(s => s.Start))
        {
            if (!taken.AsSpan(span.Start, span.Length).Contains(true))
            {
                taken.AsSpan(span.Start, span.Length).Fill(true);
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

    /// <summary>The whole candidate's length, then the lengths up to each separator, longest first.</summary>
    internal static IEnumerable<int> GroupPrefixLengths(string candidate, params char[] separators)
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

    /// <summary>Separated SSNs by shape (same separator twice); a bare nine-digit run only after an SSN cue.</summary>
    private static (int, double) SsnConfidence(string text, Match m)
    {
        var v = m.Value;
        var digits = new string(v.Where(char.IsAsciiDigit).ToArray());
        var separated = v.Length == 11 && v[3] == v[6] && !char.IsAsciiDigit(v[3]);
        var bare = v.Length == 9;
        var cued = ContextCues.Before(text, m.Index, ContextCues.Ssn, 40);
        var valid = (separated || (bare && cued))
            && Boundaries.Bounded(text, m.Index, m.Length, '-')
            && PiiValidators.IsSsnValid(digits.AsSpan(0, 3), digits.AsSpan(3, 2), digits.AsSpan(5, 4));
        return valid ? (m.Length, cued ? 0.95 : 0.85) : default;
    }

    /// <summary>A dotted quad glued by a dash to the word before it is a version ("WinPython-64bit-3.4.2.4", "release-1.2.0.1"), not an address; a range's second address ("10.0.0.1-10.0.0.9") still is.</summary>
    private static bool IsIpv4(string text, Match m) =>
        Boundaries.Bounded(text, m.Index, m.Length, '.') && !(Boundaries.CharAt(text, m.Index - 1) == '-' && char.IsLetter(Boundaries.CharAt(text, m.Index - 2)))
        && PiiValidators.IsIpv4Valid(m.Value);

    private static bool IsIpv6(string text, Match m) =>
        m.Value.Contains(':', StringComparison.Ordinal)
        && !IsHexOrColon(Boundaries.CharAt(text, m.Index - 1)) && !IsHexOrColon(Boundaries.CharAt(text, m.Index + m.Length))
        && PiiValidators.IsIpv6Valid(m.Value);

    private static bool IsHexOrColon(char c) => char.IsAsciiHexDigit(c) || c == ':' || char.IsLetter(c);
}

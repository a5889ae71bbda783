namespace Orchestrator.Guardian.Pii;

/// <summary>
/// What every match of each <see cref="PiiPatterns"/> pattern needs in the text, counted in one pass, so
/// that <see cref="PiiDetector"/> skips the scans that cannot match. Each NonBacktracking scan reads the
/// whole text, and an ordinary answer (a few sentences, a figure or two, no '@' or ':') could match
/// none of the card, SSN, IP, e-mail and passport patterns: six of the nine scans found nothing on
/// every request (docs/benchmarks.md, "perf37"). A skipped scan is one that would have added no
/// candidate, so the spans are the same. Each need is read off its pattern:
/// <list type="bullet">
/// <item>e-mail: an '@';</item>
/// <item>IBAN: two check digits (<c>[0-9]{2}</c>);</item>
/// <item>card: 12 digits (<c>[0-9]([ \-]?[0-9]){11,18}</c>);</item>
/// <item>SSN: 9 digits;</item>
/// <item>IPv4: 4 digits and 3 dots;</item>
/// <item>IPv6: 2 colons (<c>(:…){2,7}</c>);</item>
/// <item>phone and date: a digit (every alternative has <c>[0-9]</c>);</item>
/// <item>passport: 6 digits (<c>[A-Za-z]{0,2}[0-9]{6,9}</c>) or 8 capitals and digits in a row (<c>[A-Z0-9]{8,9}</c>).</item>
/// </list>
/// The patterns' digits are ASCII <c>[0-9]</c>, so other scripts' digits are not counted (the text is
/// already folded: <see cref="PiiTextNormalizer"/>).
/// </summary>
internal readonly record struct PiiPatternNeeds(int Digits, int Ats, int Colons, int Dots, int LongestCapitalOrDigitRun)
{
    public static PiiPatternNeeds Of(ReadOnlySpan<char> text)
    {
        int digits = 0, ats = 0, colons = 0, dots = 0, run = 0, longest = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c == '@')
            {
                ats++;
            }
            else if (c == ':')
            {
                colons++;
            }
            else if (c == '.')
            {
                dots++;
            }

            run = char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c) ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return new PiiPatternNeeds(digits, ats, colons, dots, longest);
    }

    public bool MayHoldEmail => Ats > 0;

    public bool MayHoldIban => Digits >= 2;

    public bool MayHoldCard => Digits >= 12;

    public bool MayHoldSsn => Digits >= 9;

    public bool MayHoldIpv4 => Digits >= 4 && Dots >= 3;

    public bool MayHoldIpv6 => Colons >= 2;

    public bool MayHoldPhone => Digits > 0;

    public bool MayHoldDate => Digits > 0;

    public bool MayHoldPassport => Digits >= 6 || LongestCapitalOrDigitRun >= 8;
}

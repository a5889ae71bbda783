namespace Orchestrator.Guardian.Pii;

/// <summary>
/// What every match of each <see cref="PiiPatterns"/> pattern needs in the text, counted in one pass, so
/// that <see cref="PiiDetector"/> skips the scans that cannot match. Each NonBacktracking scan reads the
/// whole text, and an ordinary answer (a few sentences, a figure or two, no '@' or ':') can hold
/// none of them: every scan found nothing on it, on every request (docs/benchmarks.md, "perf37").
/// A skipped scan is one that would have added no candidate, so the spans are the same. Each need
/// is read off its pattern:
/// <list type="bullet">
/// <item>e-mail: an '@';</item>
/// <item>IBAN: two letters right before two digits (<c>[A-Za-z]{2}[0-9]{2}</c>);</item>
/// <item>card: 12 digits (<c>[0-9]([ \-]?[0-9]){11,18}</c>);</item>
/// <item>SSN: 9 digits;</item>
/// <item>IPv4: 4 digits and 3 dots;</item>
/// <item>IPv6: 2 colons (<c>(:…){2,7}</c>);</item>
/// <item>date: 4 digits (the fewest of its alternatives: <c>[0-9]{1,2}[/.\-][0-9]{1,2}[/.\-][0-9]{2,4}</c>);</item>
/// <item>phone: 7 digits, not for the pattern (a lone digit matches it) but for its candidates: <see cref="PhoneRules.Confidence"/> gives 0 to any with fewer;</item>
/// <item>passport: 6 capitals or digits in a row (<c>[A-Za-z]{0,2}[0-9]{6,9}</c> has 6 digits in a row, <c>[A-Z0-9]{8,9}</c> 8 of either).</item>
/// </list>
/// The patterns' digits are ASCII <c>[0-9]</c>, so other scripts' digits are not counted (the text is
/// already folded: <see cref="PiiTextNormalizer"/>).
/// </summary>
internal readonly record struct PiiPatternNeeds(int Digits, int Ats, int Colons, int Dots, int LongestCapitalOrDigitRun, int LettersBeforeDigits)
{
    public static PiiPatternNeeds Of(ReadOnlySpan<char> text)
    {
        int digits = 0, ats = 0, colons = 0, dots = 0, run = 0, longest = 0, lettersBeforeDigits = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                digits++;
                if (i >= 3 && char.IsAsciiDigit(text[i - 1]) && char.IsAsciiLetter(text[i - 2]) && char.IsAsciiLetter(text[i - 3]))
                {
                    lettersBeforeDigits++;
                }
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

        return new PiiPatternNeeds(digits, ats, colons, dots, longest, lettersBeforeDigits);
    }

    public bool MayHoldEmail => Ats > 0;

    public bool MayHoldIban => LettersBeforeDigits > 0;

    public bool MayHoldCard => Digits >= 12;

    public bool MayHoldSsn => Digits >= 9;

    public bool MayHoldIpv4 => Digits >= 4 && Dots >= 3;

    public bool MayHoldIpv6 => Colons >= 2;

    /// <summary>Whether a phone candidate could pass <see cref="PhoneRules.Confidence"/> (it vetoes fewer than 7 digits).</summary>
    public bool MayHoldPhone => Digits >= PhoneRules.MinPhoneDigits;

    public bool MayHoldDate => Digits >= 4;

    public bool MayHoldPassport => LongestCapitalOrDigitRun >= 6;
}

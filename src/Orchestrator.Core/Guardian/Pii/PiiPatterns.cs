using System.Text.RegularExpressions;

namespace Orchestrator.Guardian.Pii;

/// <summary>
/// Candidate patterns. All use NonBacktracking so matching is linear in the input length whatever
/// the input (that engine has no lookarounds, so word boundaries and checksums are checked in code,
/// see <see cref="PiiValidators"/>). [0-9] rather than \d so other scripts' digits never reach the
/// checksum arithmetic.
/// </summary>
internal static partial class PiiPatterns
{
    private const RegexOptions Options = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,24}", Options)]
    public static partial Regex Email();

    // Two letters, two check digits, then 11-30 letters/digits optionally grouped by single spaces.
    [GeneratedRegex(@"[A-Za-z]{2}[0-9]{2}( ?[A-Za-z0-9]){11,30}", Options)]
    public static partial Regex Iban();

    // 12-19 digits (ISO/IEC 7812 PAN lengths), optionally separated by single spaces or dashes.
    [GeneratedRegex(@"[0-9]([ \-]?[0-9]){11,18}", Options)]
    public static partial Regex CreditCard();

    // Separated or, after an SSN cue, a bare run of nine digits.
    [GeneratedRegex(@"[0-9]{3}[ \-]?[0-9]{2}[ \-]?[0-9]{4}", Options)]
    public static partial Regex Ssn();

    [GeneratedRegex(@"[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}", Options)]
    public static partial Regex Ipv4();

    // Hex groups and colons (dots for an embedded IPv4 tail); System.Net.IPAddress does the validation.
    [GeneratedRegex(@"[0-9A-Fa-f]{0,4}(:[0-9A-Fa-f]{0,4}){2,7}(:[0-9]{1,3}(\.[0-9]{1,3}){3})?", Options)]
    public static partial Regex Ipv6();

    // Optional +CC or 00 prefix, optional (area) such as (0) or (602), then digit groups separated by
    // space, dot or dash, then an optional extension (x123, ext. 123).
    [GeneratedRegex(@"(\+[0-9]{1,3}[ .\-]?)?(\([0-9]{1,4}\)[ .\-]?)?[0-9]{1,5}([ .\-]?[0-9]{1,5}){0,5}( ?(x|ext\.?|ext) ?[0-9]{1,5})?", Options | RegexOptions.IgnoreCase)]
    public static partial Regex Phone();

    // Numeric and written dates; only read as a date of birth after a cue such as "born" or "DOB".
    [GeneratedRegex(@"[0-9]{1,2}[/.\-][0-9]{1,2}[/.\-][0-9]{2,4}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}|(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? [0-9]{1,2}(st|nd|rd|th)?,? [0-9]{4}|[0-9]{1,2}(st|nd|rd|th)? (of )?(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?,? [0-9]{4}", Options | RegexOptions.IgnoreCase)]
    public static partial Regex Date();

    // Passport numbers: up to two letters then 6-9 digits (US 9 digits, UK 9, Schengen letter+digits), or 8-9
    // capitals and digits mixed (Dutch NXC3R4D12, German C01X00T47, French 09AA12345); only after "passport".
    [GeneratedRegex(@"[A-Za-z]{0,2}[0-9]{6,9}|[A-Z0-9]{8,9}", Options)]
    public static partial Regex Passport();
}

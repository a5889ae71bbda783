using System.Text.RegularExpressions;
using static Orchestrator.Guardian.Pii.Boundaries;

namespace Orchestrator.Guardian.Pii;

/// <summary>Which phone-shaped candidates are phone numbers rather than dates, versions, ids or addresses.</summary>
internal static class PhoneRules
{
    internal const int MinPhoneDigits = 7;
    private const int MaxPhoneDigits = 15;

    /// <summary>
    /// The confidence that the candidate is a phone number, 0 when it is not. 7-15 digits. On shape
    /// alone: a + or (area) prefix, three or more groups, the US local 555-1234, or two groups with a
    /// domestic trunk 0 (0393 1144137). Weaker shapes (two groups such as 450 0840 or 9472 7916, a bare
    /// run of digits such as 5403926876) only after a phone cue ("Mobile:", "call"), so house numbers
    /// ("17151 2450 Crown St"), postcodes and reference numbers stay. SSN-shaped numbers outside the
    /// valid SSN ranges (666-12-3456) are not phones either. Dates, date-times, version numbers (dotted
    /// with a 1- or 5-digit group: 10.0.19041.1234) and amounts after a currency symbol are vetoed. A
    /// label glued on after a dash ("07700 063 966-Fax") does not hide the number.
    /// </summary>
    public static double Confidence(string text, Match m)
    {
        var value = m.Value;
        var extension = value.IndexOfAny(['x', 'X', 'e', 'E']);
        var number = extension < 0 ? value : value[..extension].TrimEnd();
        var digits = number.Count(char.IsAsciiDigit);
        var prefixed = number.StartsWith('+') || number.Contains('(', StringComparison.Ordinal);
        var groups = number.Split([' ', '.', '-'], StringSplitOptions.RemoveEmptyEntries);
        var usLocal = groups.Length == 2 && groups[0].Length == 3 && groups[1].Length == 4 && number[3] == '-';
        var trunkPrefixed = groups.Length == 2 && groups[0].Length >= 2 && groups[0][0] == '0';
        var ssnShaped = groups.Length == 3 && number.Length == 11 && number[3] == '-' && number[6] == '-' && groups[1].Length == 2;
        var versionLike = number.Contains('.', StringComparison.Ordinal) && groups.Any(g => g.Length is 1 or 5);
        var end = m.Index + m.Length;
        var followedByTime = CharAt(text, end) == ':' && char.IsAsciiDigit(CharAt(text, end + 1));
        var vetoed = digits is < MinPhoneDigits or > MaxPhoneDigits
            || PiiValidators.LooksLikeDate(number.Split(' ')[0])
            || followedByTime
            || versionLike
            || ssnShaped
            || !PhoneBounded(text, m.Index, m.Length)
            || FollowsCurrencySymbol(text, m.Index);
        if (vetoed)
        {
            return 0;
        }

        var cued = ContextCues.Before(text, m.Index, ContextCues.Phone);
        if (!cued && ContextCues.Before(text, m.Index, ContextCues.NotPhone))
        {
            return 0;
        }
        // Scores and ranges ("70-70-75-70", "1928-29-30-31"): dash-joined pairs of digits without a phone cue.
        if (!cued && !prefixed && number.Contains('-', StringComparison.Ordinal) && groups.Count(g => g.Length <= 2) >= 2)
        {
            return 0;
        }

        // "roughly 700-1000 calories", "2000 3000 words": two groups before a unit are a range or two amounts.
        if (!cued && !prefixed && groups.Length <= 2 && UnitAfter(text, m.Index + m.Length))
        {
            return 0;
        }

        if (prefixed || groups.Length >= 3 || usLocal || trunkPrefixed)
        {
            return cued ? 0.95 : 0.85;
        }

        var weakShape = (groups.Length == 2 && groups.All(g => g.Length >= 2)) || groups.Length == 1;
        return weakShape && cued ? 0.75 : 0;
    }

    /// <summary>Units and counted things that follow an amount, never a phone number.</summary>
    private static readonly HashSet<string> Units = new(StringComparer.OrdinalIgnoreCase)
    {
        "calories", "kcal", "cal", "words", "characters", "chars", "tokens", "people", "persons", "users", "visitors", "employees", "years", "months",
        "weeks", "days", "hours", "hrs", "minutes", "mins", "seconds", "secs", "ms", "miles", "mi", "km", "kilometers", "kilometres", "meters", "metres",
        "m", "ft", "feet", "kg", "g", "mg", "lbs", "lb", "pounds", "tons", "dollars", "usd", "euros", "eur", "rpm", "mph", "kmh", "items", "pages",
        "times", "steps", "points", "rows", "lines", "records", "copies", "units", "pieces", "sq", "square", "mb", "gb", "kb", "tb", "mbps", "watts", "w",
    };

    /// <summary>True when the next word after <paramref name="end"/> (one space or none) is a unit or a counted thing.</summary>
    private static bool UnitAfter(string text, int end)
    {
        var i = end;
        if (CharAt(text, i) == ' ')
        {
            i++;
        }

        var start = i;
        while (i < text.Length && char.IsLetter(text[i]))
        {
            i++;
        }

        return i > start && !char.IsLetterOrDigit(CharAt(text, i)) && Units.Contains(text[start..i]);
    }

    /// <summary>Like <see cref="Boundaries.Bounded"/>, but a dash followed by a letter after the number is a glued label, not a joined id.</summary>
    private static bool PhoneBounded(string text, int start, int length)
    {
        var after = CharAt(text, start + length);
        var afterNext = CharAt(text, start + length + 1);
        if (after == '-' && char.IsLetter(afterNext))
        {
            var before = CharAt(text, start - 1);
            return !char.IsLetterOrDigit(before) && !(before is '-' or '.' or '#' or '/' or '_' && char.IsLetterOrDigit(CharAt(text, start - 2)));
        }

        return Bounded(text, start, length, '-', '.', '#', '/', '_', '+');
    }
}

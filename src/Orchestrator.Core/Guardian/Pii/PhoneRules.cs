using System.Text.RegularExpressions;
using static Orchestrator.Guardian.Pii.Boundaries;

namespace Orchestrator.Guardian.Pii;

/// <summary>Which phone-shaped candidates are phone numbers rather than dates, versions, ids or addresses.</summary>
internal static class PhoneRules
{
    private const int MinPhoneDigits = 7;
    private const int MaxPhoneDigits = 15;

    /// <summary>
    /// 7-15 digits with separators or a + prefix. Two bare groups only in the US local shape 555-1234
    /// or with a domestic trunk 0 (0393 1144137):
    /// otherwise "17151 2450 Crown St" (house numbers) and "75534-030" (postcodes) would be phones.
    /// SSN-shaped numbers outside the valid SSN ranges (666-12-3456) are not phones either.
    /// Dates, date-times, version numbers (dotted with a 1- or 5-digit group: 10.0.19041.1234) and
    /// amounts after a currency symbol are vetoed.
    /// </summary>
    public static bool IsPhone(string text, Match m)
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
        return digits is >= MinPhoneDigits and <= MaxPhoneDigits
            && (prefixed || groups.Length >= 3 || usLocal || trunkPrefixed)
            && !PiiValidators.LooksLikeDate(number.Split(' ')[0])
            && !followedByTime
            && !versionLike
            && !ssnShaped
            && Bounded(text, m.Index, m.Length, '-', '.', '#', '/', '_', '+')
            && !FollowsCurrencySymbol(text, m.Index);
    }
}

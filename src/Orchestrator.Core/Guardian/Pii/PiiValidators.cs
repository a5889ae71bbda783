using System.Net;
using System.Net.Sockets;

namespace Orchestrator.Guardian.Pii;

/// <summary>Checksums and shape rules that the linear-time candidate patterns cannot express.</summary>
internal static class PiiValidators
{
    public static bool IsLuhnValid(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }

    /// <summary>
    /// ISO 13616: the country's registered length, then move the first four characters to the end, letters to
    /// 10..35, remainder mod 97 is 1. Without the length check one random string in 97 passes ("ab123 and my
    /// luggage": "AB" is no country).
    /// </summary>
    public static bool IsIbanValid(string compact)
    {
        if (compact.Length is < 15 or > 34 || !IbanLengths.Matches(compact))
        {
            return false;
        }

        var rearranged = string.Concat(compact.AsSpan(4), compact.AsSpan(0, 4)).ToUpperInvariant();
        var remainder = 0;
        foreach (var c in rearranged)
        {
            var value = char.IsAsciiDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = value > 9 ? ((remainder * 100) + value) % 97 : ((remainder * 10) + value) % 97;
        }

        return remainder == 1;
    }

    /// <summary>SSA rules: area not 000, 666 or 9xx; group not 00; serial not 0000.</summary>
    public static bool IsSsnValid(ReadOnlySpan<char> area, ReadOnlySpan<char> group, ReadOnlySpan<char> serial)
    {
        var a = int.Parse(area);
        return a != 0 && a != 666 && a < 900 && int.Parse(group) != 0 && int.Parse(serial) != 0;
    }

    public static bool IsIpv4Valid(string candidate)
    {
        foreach (var part in candidate.Split('.'))
        {
            if (!int.TryParse(part, out var octet) || octet > 255)
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsIpv6Valid(string candidate) =>
        candidate.Any(char.IsAsciiHexDigit)
        && IPAddress.TryParse(candidate, out var address)
        && address.AddressFamily == AddressFamily.InterNetworkV6;

    /// <summary>Three numeric groups that read as y-m-d, d.m.y or m/d/y: a date, not a phone number.</summary>
    public static bool LooksLikeDate(string candidate)
    {
        var parts = candidate.Split('-', '.', '/');
        if (parts.Length != 3 || parts.Any(p => p.Length == 0 || !p.All(char.IsAsciiDigit)))
        {
            return false;
        }

        int P(int i) => int.Parse(parts[i]);
        if (parts[0].Length == 4 && parts[1].Length <= 2 && parts[2].Length <= 2)
        {
            return IsMonth(P(1)) && IsDay(P(2));
        }

        return parts[0].Length <= 2 && parts[1].Length <= 2 && parts[2].Length is 2 or 4
            && ((IsMonth(P(0)) && IsDay(P(1))) || (IsDay(P(0)) && IsMonth(P(1))));
    }

    /// <summary>
    /// A passport number's shape: six or more digits after at most two letters, or eight or nine
    /// capitals and digits that alternate at least twice with three or more digits ("NXC3R4D12",
    /// "09AA12345"), so a word glued to a year ("PHOTO2024") is not one.
    /// </summary>
    public static bool IsPassportShape(string candidate)
    {
        var digits = candidate.Count(char.IsAsciiDigit);
        if (digits >= 6 && candidate.TakeWhile(char.IsAsciiLetter).Count() <= 2 && digits + candidate.TakeWhile(char.IsAsciiLetter).Count() == candidate.Length)
        {
            return true;
        }

        var runs = 1;
        for (var i = 1; i < candidate.Length; i++)
        {
            runs += char.IsAsciiDigit(candidate[i]) != char.IsAsciiDigit(candidate[i - 1]) ? 1 : 0;
        }

        return candidate.Length >= 8 && digits >= 3 && runs >= 3 && candidate.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c));
    }

    private static bool IsMonth(int v) => v >= 1 && v <= 12;

    private static bool IsDay(int v) => v >= 1 && v <= 31;
}

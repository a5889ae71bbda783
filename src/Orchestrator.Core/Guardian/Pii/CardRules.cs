using System.Text.RegularExpressions;

namespace Orchestrator.Guardian.Pii;

/// <summary>
/// Payment card numbers: 12-19 digits (ISO/IEC 7812), Luhn-valid, starting with an issuer prefix
/// that card networks use. Millisecond timestamps (13 digits starting 1) and ids starting 7, 8, 9
/// or 0 are thus not cards; 12-digit numbers (Maestro) need a cue such as "card" because one random
/// number in ten passes Luhn.
/// </summary>
internal static class CardRules
{
    public static (int Length, double Confidence) Accept(string text, Match m)
    {
        if (m.Value[0] == '0')
        {
            return default;
        }

        var cued = ContextCues.Before(text, m.Index, ContextCues.Card, 40);
        foreach (var len in PiiDetector.GroupPrefixLengths(m.Value, ' ', '-'))
        {
            var digits = new string(m.Value[..len].Where(char.IsAsciiDigit).ToArray());
            if (digits.Length is >= 12 and <= 19
                && (digits.Length > 12 || cued)
                && IssuerPrefix(digits)
                && Boundaries.Bounded(text, m.Index, len, '-')
                && PiiValidators.IsLuhnValid(digits))
            {
                return (len, cued ? 0.95 : 0.85);
            }
        }

        return default;
    }

    /// <summary>Visa 4; Mastercard 51-55 and 2221-2720; Maestro 50, 56-69; Amex 34/37; Diners 30/36/38/39; JCB 35, 1800, 2131; Discover/UnionPay 6.</summary>
    private static bool IssuerPrefix(string digits)
    {
        var two = int.Parse(digits.AsSpan(0, 2));
        var four = int.Parse(digits.AsSpan(0, 4));
        return digits[0] switch
        {
            '4' or '5' or '6' => true,
            '3' => two is 30 or 34 or 35 or 36 or 37 or 38 or 39,
            '2' => (four is >= 2221 and <= 2720 && digits.Length == 16) || (four == 2131 && digits.Length == 15),
            '1' => four == 1800 && digits.Length == 15,
            _ => false,
        };
    }
}

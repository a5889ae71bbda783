using System.Globalization;

namespace Orchestrator.Guardian.Pii;

/// <summary>Word-boundary tests done in code because the linear-time regex engine has no lookarounds.</summary>
internal static class Boundaries
{
    /// <summary>
    /// True when neither neighbour is a letter or digit (nor one of <paramref name="joiners"/> followed
    /// or preceded by a digit), so "v1.2.3.4", "ID-123-45-6789" and runs of digits are not split into PII.
    /// </summary>
    public static bool Bounded(string text, int start, int length, params char[] joiners)
    {
        var before = CharAt(text, start - 1);
        var after = CharAt(text, start + length);
        var beforeJoined = Array.IndexOf(joiners, before) >= 0 && (char.IsLetterOrDigit(CharAt(text, start - 2)) || before is '#' or '+');
        var afterJoined = Array.IndexOf(joiners, after) >= 0 && char.IsLetterOrDigit(CharAt(text, start + length + 1));
        return !char.IsLetterOrDigit(before) && !char.IsLetterOrDigit(after) && !beforeJoined && !afterJoined;
    }

    public static bool FollowsCurrencySymbol(string text, int start)
    {
        var i = start - 1;
        while (i >= 0 && text[i] == ' ')
        {
            i--;
        }

        return i >= 0 && CharUnicodeInfo.GetUnicodeCategory(text[i]) == UnicodeCategory.CurrencySymbol;
    }

    public static char CharAt(string text, int index) => index >= 0 && index < text.Length ? text[index] : '\0';
}

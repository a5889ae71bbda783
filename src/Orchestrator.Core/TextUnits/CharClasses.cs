namespace Orchestrator.TextUnits;

/// <summary>
/// <c>text.Any(char.IsUpper)</c> and the like over spans: the same answers (empty: any false, all true)
/// without the enumerator and iterator objects LINQ over a string allocates, on checks the PII pass,
/// the sentence splitter and answer extraction make for every word or sentence of a request.
/// </summary>
internal static class CharClasses
{
    public static bool AnyUpper(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (char.IsUpper(c))
            {
                return true;
            }
        }

        return false;
    }

    public static bool AnyLower(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (char.IsLower(c))
            {
                return true;
            }
        }

        return false;
    }

    public static bool AllLower(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsLower(c))
            {
                return false;
            }
        }

        return true;
    }

    public static bool AnyDigit(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (char.IsDigit(c))
            {
                return true;
            }
        }

        return false;
    }

    public static bool AnyLetter(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (char.IsLetter(c))
            {
                return true;
            }
        }

        return false;
    }

    public static bool AnyLetterOrDigit(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Every character is 0–9 (true for an empty text, as <c>All</c>).</summary>
    public static bool AllAsciiDigits(ReadOnlySpan<char> text) => !text.ContainsAnyExceptInRange('0', '9');
}

namespace Orchestrator.Guardian.Pii;

/// <summary>
/// <c>text.Any(char.IsUpper)</c> and the like over spans: the same answers (empty: any false, all true)
/// without the enumerator and iterator objects LINQ over a string allocates, on checks the PII pass makes
/// for every word of every answer.
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
}

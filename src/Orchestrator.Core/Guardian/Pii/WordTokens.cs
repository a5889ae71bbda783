namespace Orchestrator.Guardian.Pii;

/// <summary>A word of the text: letters (with inner apostrophes, hyphens and dots of initials) or digits.</summary>
internal readonly record struct WordToken(int Start, int End, string Text)
{
    public bool IsNumber => char.IsAsciiDigit(Text[0]);

    /// <summary>Upper-case first letter and not all capitals (acronyms), or a single capital (an initial).</summary>
    public bool IsCapitalized =>
        char.IsUpper(Text[0]) && (Text.Length == 1 || CharClasses.AnyLower(Text.AsSpan(1)));

    public static List<WordToken> Split(string text)
    {
        var tokens = new List<WordToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsLetter(c) || char.IsAsciiDigit(c))
            {
                var digits = char.IsAsciiDigit(c);
                var start = i;
                i++;
                while (i < text.Length && (digits ? char.IsAsciiDigit(text[i]) : IsWordChar(text, i)))
                {
                    i++;
                }

                tokens.Add(new WordToken(start, i, text[start..i]));
            }
            else
            {
                i++;
            }
        }

        return tokens;
    }

    /// <summary>Letters, and an apostrophe or hyphen between letters (O'Brien, Weber-Santana).</summary>
    private static bool IsWordChar(string text, int i) =>
        char.IsLetter(text[i]) || char.GetUnicodeCategory(text[i]) == System.Globalization.UnicodeCategory.NonSpacingMark
        || (text[i] is '\'' or '-' or '’' && i + 1 < text.Length && char.IsLetter(text[i + 1]) && char.IsLetter(text[i - 1]));
}

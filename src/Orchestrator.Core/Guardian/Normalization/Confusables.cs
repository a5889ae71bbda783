namespace Orchestrator.Guardian.Normalization;

/// <summary>
/// Cyrillic and Greek letters that look like Latin ones (the common homoglyph trick: "іgnore" with
/// a Cyrillic і). NFKC does not fold these, so they are mapped here. Deliberately small: only
/// letters that render the same as a Latin letter in common fonts.
/// </summary>
internal static class Confusables
{
    /// <summary>Folds look-alikes only in words that mix them with Latin letters, so Russian or Greek text stays as it is.</summary>
    public static string FoldMixedScript(string word)
    {
        var latin = false;
        var other = false;
        foreach (var c in word)
        {
            latin |= c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z');
            other |= c > '\u007F' && ToLatin(c) != c;
        }

        return latin && other ? string.Create(word.Length, word, static (span, w) =>
        {
            for (var i = 0; i < w.Length; i++)
            {
                span[i] = ToLatin(w[i]);
            }
        }) : word;
    }

    public static char ToLatin(char c) => c switch
    {
        'а' => 'a', 'е' => 'e', 'о' => 'o', 'р' => 'p', 'с' => 'c', 'у' => 'y', 'х' => 'x', 'і' => 'i', 'ј' => 'j', 'ѕ' => 's', 'һ' => 'h', 'ԁ' => 'd', 'ɡ' => 'g',
        'А' => 'A', 'В' => 'B', 'Е' => 'E', 'К' => 'K', 'М' => 'M', 'Н' => 'H', 'О' => 'O', 'Р' => 'P', 'С' => 'C', 'Т' => 'T', 'Х' => 'X', 'І' => 'I', 'Ј' => 'J', 'Ѕ' => 'S',
        'α' => 'a', 'ο' => 'o', 'ν' => 'v', 'ι' => 'i', 'κ' => 'k', 'ρ' => 'p', 'τ' => 't', 'υ' => 'u',
        'Α' => 'A', 'Β' => 'B', 'Ε' => 'E', 'Ζ' => 'Z', 'Η' => 'H', 'Ι' => 'I', 'Κ' => 'K', 'Μ' => 'M', 'Ν' => 'N', 'Ο' => 'O', 'Ρ' => 'P', 'Τ' => 'T', 'Υ' => 'Y', 'Χ' => 'X',
        _ => c,
    };
}

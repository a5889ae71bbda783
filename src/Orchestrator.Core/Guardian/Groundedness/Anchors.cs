using System.Text.RegularExpressions;

namespace Orchestrator.Guardian.Groundedness;

/// <summary>
/// The facts a sentence pins down: its names (capitalised words) and its numbers with the words
/// right beside them. Key terms say what a sentence is about; anchors say which person, place and
/// quantity, which is what a swapped name or a mixed-up pair of numbers changes.
/// </summary>
internal sealed partial class Anchors
{
    private Anchors(List<Token> tokens, HashSet<string> words)
    {
        Tokens = tokens;
        Words = words;
    }

    /// <summary>Words, numbers and unit symbols in order (punctuation dropped); words lower-cased and stemmed.</summary>
    public List<Token> Tokens { get; }

    /// <summary>Every word of the text, lower-cased and stemmed.</summary>
    public HashSet<string> Words { get; }

    public static Anchors Of(string text)
    {
        var tokens = new List<Token>();
        var words = new HashSet<string>(StringComparer.Ordinal);
        var first = true;
        Span<char> buffer = stackalloc char[TextFeatures.WordBufferChars];
        foreach (var m in TokenPattern().EnumerateMatches(text))
        {
            var raw = text.AsSpan(m.Index, m.Length);
            Token token;
            if (char.IsAsciiDigit(raw[0]))
            {
                var plain = raw.Contains(',') ? raw.ToString().Replace(",", string.Empty, StringComparison.Ordinal) : raw.ToString();
                token = new Token(plain, TextFeatures.ParseNumber(raw) ?? -1, false, first);
            }
            else if (raw.Length == 1 && !char.IsLetter(raw[0]))
            {
                token = new Token(raw.ToString(), null, false, first);
            }
            else
            {
                var lower = raw.Length <= TextFeatures.WordBufferChars
                    ? WithoutCurlyPossessive(TextFeatures.LowerWithoutPossessive(raw, buffer), buffer)
                    : raw.ToString().ToLowerInvariant().Replace("'s", string.Empty, StringComparison.Ordinal).Replace("’s", string.Empty, StringComparison.Ordinal);
                var key = Unit(lower) ?? TextFeatures.Stem(lower.ToString());
                token = new Token(key, null, char.IsUpper(raw[0]) && !Stopwords.Contains(lower), first);
                words.Add(key);
            }

            tokens.Add(token);
            first = false;
        }

        return new Anchors(tokens, words);
    }

    // The curly "’s" after the straight one, in place, as the string path's second Replace does.
    private static ReadOnlySpan<char> WithoutCurlyPossessive(ReadOnlySpan<char> lower, Span<char> buffer)
    {
        if (!lower.Contains('’'))
        {
            return lower;
        }

        var written = 0;
        for (var i = 0; i < lower.Length; i++)
        {
            if (lower[i] == '’' && i + 1 < lower.Length && lower[i + 1] == 's')
            {
                i++;
                continue;
            }

            buffer[written++] = lower[i];
        }

        return buffer[..written];
    }

    private HashSet<string>? _midSentenceNames;

    /// <summary>Words this text capitalises after the first word of a sentence: its proper names.</summary>
    public HashSet<string> MidSentenceNames => _midSentenceNames ??= Tokens.Where(t => t.Capitalized && !t.First).Select(t => t.Key).ToHashSet(StringComparer.Ordinal);

    /// <summary>Each number with its left and right neighbour (null at the edges).</summary>
    public IEnumerable<(decimal Value, string? Left, string? Right)> Numbers()
    {
        for (var i = 0; i < Tokens.Count; i++)
        {
            if (Tokens[i].Number is { } value and >= 0)
            {
                yield return (value, i > 0 ? Tokens[i - 1].Key : null, i + 1 < Tokens.Count ? Tokens[i + 1].Key : null);
            }
        }
    }

    /// <summary>True when the number sits in this text beside the same word on at least one side (or the sentence gives it no neighbour).</summary>
    public bool HasNumberBeside(decimal value, string? left, string? right)
    {
        for (var i = 0; i < Tokens.Count; i++)
        {
            if (Tokens[i].Number != value)
            {
                continue;
            }

            var l = i > 0 ? Tokens[i - 1].Key : null;
            var r = i + 1 < Tokens.Count ? Tokens[i + 1].Key : null;
            if ((left is null && right is null) || (left is not null && left == l) || (right is not null && right == r))
            {
                return true;
            }
        }

        return false;
    }

    public static Anchors Join(Anchors a, Anchors b) =>
        new([.. a.Tokens, .. b.Tokens], [.. a.Words, .. b.Words]);

    /// <summary>Units written as words or symbols meet: "50 percent" and "50%", "30 dollars" and "$30" keep a shared neighbour.</summary>
    private static string? Unit(ReadOnlySpan<char> lower) => lower switch
    {
        "percent" or "per-cent" or "pct" => "%",
        "dollar" or "dollars" or "usd" => "$",
        "euro" or "euros" or "eur" => "€",
        "pound" or "pounds" or "gbp" => "£",
        _ => null,
    };

    internal readonly record struct Token(string Key, decimal? Number, bool Capitalized, bool First);

    [GeneratedRegex(@"[0-9]+(,[0-9]{3})*(\.[0-9]+)?|\p{L}[\p{L}'’\-]*|[%$€£]", RegexOptions.NonBacktracking)]
    private static partial Regex TokenPattern();
}
